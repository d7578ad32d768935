//! A chart as a file of its own: what "Save as SVG" writes and what is
//! drawn on a canvas for "Save as PNG".
//!
//! The page's SVG is made to fill its container (`width="100%"`, no
//! height) and is transparent with invisible hover targets. A file needs a
//! fixed size (an `<img>` of a size-less SVG has none, so a canvas could not
//! draw it), an opaque white background (a PNG would otherwise be
//! transparent, dark in many viewers) and no targets: `fill="transparent"`
//! is CSS colour syntax that older SVG tools do not know and may paint black.

/// The file version of a chart's `svg`: explicit `width` and `height` from
/// its `viewBox`, a white background, the `marks` group left out. Returns
/// the document and its size in pixels; text that is not one of this
/// module's charts comes back unchanged with the default size.
pub fn standalone(svg: &str) -> (String, u32, u32) {
    let fallback = || {
        let d = super::Size::default();
        (svg.to_string(), d.width, d.height)
    };
    let Some(open_end) = svg.find('>') else {
        return fallback();
    };
    let open = &svg[..open_end];
    let Some((w, h)) = view_box(open) else {
        return fallback();
    };
    let sized = open.replacen(
        " width=\"100%\"",
        &format!(" width=\"{w}\" height=\"{h}\""),
        1,
    );
    let mut body = &svg[open_end + 1..];
    let mut tail = "";
    if let Some(start) = body.find("<g class=\"marks\">") {
        if let Some(len) = body[start..].find("</g>") {
            tail = body[start + len + "</g>".len()..].trim_start_matches('\n');
            body = &body[..start];
        }
    }
    let out = format!(
        "{sized}>\n<rect x=\"0\" y=\"0\" width=\"{w}\" height=\"{h}\" fill=\"#FFFFFF\"/>{body}{tail}"
    );
    (out, w, h)
}

/// Width and height from `viewBox="0 0 W H"` in an opening tag.
fn view_box(open: &str) -> Option<(u32, u32)> {
    const KEY: &str = "viewBox=\"";
    let start = open.find(KEY)? + KEY.len();
    let len = open[start..].find('"')?;
    let numbers: Vec<u32> = open[start..start + len]
        .split_whitespace()
        .map(str::parse)
        .collect::<Result<_, _>>()
        .ok()?;
    match numbers[..] {
        [0, 0, w, h] if w > 0 && h > 0 => Some((w, h)),
        _ => None,
    }
}
