//! A chart on the page: the SVG text `crate::chart` drew, placed as markup
//! in a `<figure>` with two save buttons and a hover readout.
//!
//! The readout reads the `data-readout` of the target under the pointer
//! (every chart ends with a `<g class="marks">` of them, placed by the
//! chart's own scale) and shows it in a tooltip inside the figure. One
//! listener on the chart's container serves all its targets. The tooltip
//! exists only while it shows something, so a page has at most one.

use std::sync::Arc;

use leptos::html::Figure;
use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Blob, CanvasRenderingContext2d, HtmlCanvasElement, HtmlImageElement, Url};

use crate::chart;
use crate::format::Locale;
use crate::i18n::{t, Key};
use crate::web::download;
use crate::web::download_blob::{js_text, save_blob, text_blob};
use crate::web::state::AppState;

/// The PNG is drawn at twice the chart's size, sharp on high-density
/// screens and in slides; at the chart's own size when twice would pass
/// the canvas side browsers allow (a tall bar chart of many rows).
const PNG_SCALE: u32 = 2;
const CANVAS_MAX_SIDE: u32 = 16_000;

/// What the tooltip shows and where: the readout, the pointer's position
/// inside the figure, and to which side of the pointer it opens so that it
/// stays inside the viewport.
#[derive(Clone, Debug, PartialEq)]
struct Tip {
    text: String,
    x: f64,
    y: f64,
    leftwards: bool,
    below: bool,
}

/// Every user text inside `svg` was escaped by the chart backend, which is
/// why it may be placed with `inner_html`. `testid` names the chart's
/// container, its save buttons (`{testid}-save-svg`, `{testid}-save-png`)
/// and the saved files (`tierlens-{testid}.svg`, `.png`).
pub fn chart_view(svg: String, testid: &'static str) -> impl IntoView {
    let locale = use_context::<AppState>().map(|state| state.locale);
    let text = move |key: Key| t(locale.map_or(Locale::En, |l| l.get()), key);
    let figure = NodeRef::<Figure>::new();
    let tip = RwSignal::new(None::<Tip>);
    let source: Arc<str> = Arc::from(svg.as_str());
    let save_svg = {
        let source = source.clone();
        move |_| {
            let (file, _, _) = chart::standalone(&source);
            let name = format!("tierlens-{testid}.svg");
            if let Err(e) = download::save(&name, "image/svg+xml;charset=utf-8", &file) {
                leptos::logging::error!("saving the chart failed: {e}");
            }
        }
    };
    let save_png = move |_| {
        if let Err(e) = save_png(&source, format!("tierlens-{testid}.png")) {
            leptos::logging::error!("saving the chart failed: {e}");
        }
    };
    let follow = move |ev: web_sys::PointerEvent| tip.set(readout_at(&ev, figure));
    // A finger leaves the chart as it lifts: the readout of a tap stays
    // until the next tap (elsewhere on the chart closes it).
    let leave = move |ev: web_sys::PointerEvent| {
        if ev.pointer_type() != "touch" {
            tip.set(None);
        }
    };
    view! {
        <figure class="chart-figure" node_ref=figure>
            <div class="chart-tools" role="group" aria-label=move || text(Key::ChartTools)>
                <button type="button" class="chart-tool" data-testid=format!("{testid}-save-svg")
                    aria-label=move || text(Key::ChartSaveSvgLabel) on:click=save_svg>
                    {move || text(Key::ChartSaveSvg)}
                </button>
                <button type="button" class="chart-tool" data-testid=format!("{testid}-save-png")
                    aria-label=move || text(Key::ChartSavePngLabel) on:click=save_png>
                    {move || text(Key::ChartSavePng)}
                </button>
            </div>
            <div class="chart" data-testid=testid inner_html=svg
                on:pointermove=follow on:pointerdown=follow on:pointerleave=leave>
            </div>
            {move || tip.get().map(|tip| {
                // The readout goes in as a text node, never as markup.
                view! {
                    <div class="chart-tooltip" aria-hidden="true"
                        class:leftwards=tip.leftwards class:below=tip.below
                        style:left=format!("{:.0}px", tip.x) style:top=format!("{:.0}px", tip.y)>
                        {tip.text}
                    </div>
                }
            })}
        </figure>
    }
}

/// About the width a chart is shown at (the card's content), so that its
/// text keeps its size (12.5 px, never under 11) on a phone as on a wide
/// screen, and the ticks thinned to fit leave as many as there is room for.
pub fn chart_width() -> u32 {
    let viewport = window()
        .inner_width()
        .ok()
        .and_then(|v| v.as_f64())
        .unwrap_or(1280.0);
    // The navigation sits beside the sections above 1360 px, and the
    // page's and the card's padding take about 96 px (56 px on a phone:
    // style/main.css).
    let content = if viewport > 1360.0 {
        viewport.min(1440.0) - 232.0 - 96.0
    } else if viewport <= 600.0 {
        viewport - 56.0
    } else {
        viewport - 96.0
    };
    content.clamp(260.0, 900.0) as u32
}

/// `size`, narrowed to the card where the card is narrower (a phone):
/// drawn at the width it is shown, its labels keep their size. A wide
/// screen keeps `size`, as the charts were designed.
pub fn fitted(size: chart::Size) -> chart::Size {
    let room = chart_width();
    if room >= size.width {
        return size;
    }
    let scale = f64::from(room) / f64::from(size.width);
    chart::Size {
        width: room,
        height: (f64::from(size.height) * scale.max(0.7)).round() as u32,
    }
}

/// The readout of the target under the pointer, placed in `figure`.
fn readout_at(ev: &web_sys::PointerEvent, figure: NodeRef<Figure>) -> Option<Tip> {
    let target: web_sys::Element = ev.target()?.dyn_into().ok()?;
    let mark = target.closest("[data-readout]").ok()??;
    let text = mark.get_attribute("data-readout")?;
    let frame = figure.get_untracked()?.get_bounding_client_rect();
    let (x, y) = (f64::from(ev.client_x()), f64::from(ev.client_y()));
    let viewport = window().inner_width().ok()?.as_f64()?;
    Some(Tip {
        text,
        x: x - frame.left(),
        y: y - frame.top(),
        // Open towards the wider side; close to the top, open downwards.
        leftwards: x > viewport / 2.0,
        below: y < 96.0,
    })
}

/// Draws the chart on a canvas at `PNG_SCALE` and offers it as `name`.
/// The SVG is loaded into an image from a blob URL; the rest happens once
/// the image has loaded.
fn save_png(svg: &str, name: String) -> Result<(), String> {
    let (file, width, height) = chart::standalone(svg);
    let blob = text_blob(&file, "image/svg+xml;charset=utf-8")?;
    let url = Url::create_object_url_with_blob(&blob).map_err(js_text)?;
    let image = HtmlImageElement::new().map_err(js_text)?;
    let loaded = image.clone();
    let done_url = url.clone();
    let on_load = Closure::once_into_js(move || {
        let drawn = paint(&loaded, width, height, name);
        let _ = Url::revoke_object_url(&done_url);
        if let Err(e) = drawn {
            leptos::logging::error!("saving the chart failed: {e}");
        }
    });
    let failed_url = url.clone();
    let on_error = Closure::once_into_js(move || {
        let _ = Url::revoke_object_url(&failed_url);
        leptos::logging::error!("saving the chart failed: the SVG did not load as an image");
    });
    image.set_onload(Some(on_load.unchecked_ref()));
    image.set_onerror(Some(on_error.unchecked_ref()));
    image.set_src(&url);
    Ok(())
}

/// Paints the loaded `image` on a canvas (`PNG_SCALE` times its size) and
/// offers the canvas as a PNG file `name`.
fn paint(image: &HtmlImageElement, width: u32, height: u32, name: String) -> Result<(), String> {
    let canvas: HtmlCanvasElement = document()
        .create_element("canvas")
        .map_err(js_text)?
        .unchecked_into();
    let scale = if width.max(height) * PNG_SCALE <= CANVAS_MAX_SIDE {
        PNG_SCALE
    } else {
        1
    };
    let (w, h) = (width * scale, height * scale);
    canvas.set_width(w);
    canvas.set_height(h);
    let context: CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(js_text)?
        .ok_or("the browser gave no 2D canvas")?
        .unchecked_into();
    context
        .draw_image_with_html_image_element_and_dw_and_dh(image, 0.0, 0.0, w.into(), h.into())
        .map_err(js_text)?;
    let on_blob = Closure::once_into_js(move |png: Option<Blob>| {
        let saved = png
            .ok_or_else(|| "the canvas gave no PNG".to_string())
            .and_then(|png| save_blob(&name, &png));
        if let Err(e) = saved {
            leptos::logging::error!("saving the chart failed: {e}");
        }
    });
    canvas.to_blob(on_blob.unchecked_ref()).map_err(js_text)
}
