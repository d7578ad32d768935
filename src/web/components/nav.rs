//! The dashboard's table of contents: one link per section, the section in
//! view highlighted, and the place kept in the address (`#sec-tiers`) so a
//! reload, a rerun or a language switch returns the user to where they were.
//! The links are the sections of `sections::SECTIONS`, like the dashboard's.

use crate::format::Locale;
use crate::i18n::{t, Key};
use crate::web::sections::SECTIONS;
use crate::web::state::use_state;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// A section heading sits this far below the top of the viewport when
/// it counts as the one being read (the sticky bar's height and a margin).
const READING_LINE_PX: f64 = 120.0;

#[component]
pub fn Nav(locale: Locale) -> impl IntoView {
    let state = use_state();
    let current = state.section;
    // Embedded pages have no header, so the language switch lives here.
    let switch = state.embedded.then(|| {
        view! {
            <button type="button" class="button lang-inline" data-testid="lang-switch"
                on:click=|_| super::header::switch_language()>{t(locale, Key::SwitchLanguage)}</button>
        }
    });
    let links = SECTIONS
        .iter()
        .map(|s| {
            let id = s.id;
            view! {
                <li>
                    <a href=format!("#{id}") data-testid=format!("nav-{}", &id[4..])
                        class:current=move || current.get() == id
                        aria-current=move || (current.get() == id).then_some("true")>
                        {t(locale, s.key)}
                    </a>
                </li>
            }
        })
        .collect_view();
    // Where the navigation is a bar that scrolls sideways (narrow
    // screens), the current section's link is brought into the bar's view.
    Effect::new(move |_| {
        let id = current.get();
        request_animation_frame(move || reveal_link(&id));
    });
    view! {
        <nav class="sidenav" aria-label=t(locale, Key::NavLabel) data-testid="nav">
            <ul>{links}</ul>
            // The print stylesheet turns the page into a report; the
            // browser's print dialog offers Save as PDF.
            // On a phone the bar keeps the printer and names it for
            // screen readers; the words show where there is room.
            <button type="button" class="button print" data-testid="print-report"
                aria-label=t(locale, Key::PrintReport) title=t(locale, Key::PrintReport)
                on:click=|_| { let _ = window().print(); }>
                <svg class="print-icon" viewBox="0 0 24 24" aria-hidden="true" focusable="false">
                    <path d="M7 9V3h10v6M7 17H4v-7h16v7h-3M7 14h10v7H7z" fill="none" stroke="currentColor"
                        stroke-width="2" stroke-linejoin="round"/>
                </svg>
                <span class="print-words">{t(locale, Key::PrintReport)}</span>
            </button>
            {switch}
        </nav>
    }
}

/// Scrolls the bar of links (not the page) so that `id`'s link is in view.
fn reveal_link(id: &str) {
    let selector = format!(".sidenav a[href=\"#{id}\"]");
    let Some(link) = document().query_selector(&selector).ok().flatten() else {
        return;
    };
    let Some(bar) = link.closest("ul").ok().flatten() else {
        return;
    };
    let Ok(link) = link.dyn_into::<web_sys::HtmlElement>() else {
        return;
    };
    let (left, width) = (
        f64::from(link.offset_left()),
        f64::from(link.offset_width()),
    );
    let (start, room) = (f64::from(bar.scroll_left()), f64::from(bar.client_width()));
    if left < start || left + width > start + room {
        bar.set_scroll_left((left - (room - width) / 2.0).max(0.0) as i32);
    }
}

/// The section named in the address, if any.
fn current_hash() -> Option<String> {
    let hash = window().location().hash().ok()?;
    let id = hash.strip_prefix('#')?;
    SECTIONS.iter().any(|s| s.id == id).then(|| id.to_string())
}

thread_local! {
    static RESTORED: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Scrolls to the section in the address the first time a dashboard is
/// in the document (a reload lands where the user was). Later renders (a
/// rerun, a new language) keep the scroll position as it is.
pub fn restore_place() {
    if RESTORED.with(|r| r.replace(true)) {
        return;
    }
    if let Some(id) = current_hash() {
        if let Some(el) = document().get_element_by_id(&id) {
            el.scroll_into_view();
        }
    }
}

/// The section named in the address, or the first.
pub fn first_section() -> String {
    current_hash().unwrap_or_else(|| SECTIONS[0].id.to_string())
}

/// Keeps `current` on the section being read and the address in step,
/// without adding history entries. Called once: the listener lives as long
/// as the page, like the state it writes.
pub fn follow_scroll(current: RwSignal<String>) {
    let on_scroll = Closure::<dyn Fn()>::new(move || {
        let Some(id) = section_in_view() else { return };
        if current.get_untracked() != id {
            let _ = window().history().and_then(|h| {
                h.replace_state_with_url(&JsValue::NULL, "", Some(&format!("#{id}")))
            });
            current.set(id.to_string());
        }
    });
    let _ = window().add_event_listener_with_callback("scroll", on_scroll.as_ref().unchecked_ref());
    on_scroll.forget();
}

/// The last section whose top has passed the reading line.
fn section_in_view() -> Option<&'static str> {
    let mut seen = None;
    for s in SECTIONS {
        let Some(el) = document().get_element_by_id(s.id) else {
            continue;
        };
        if el.get_bounding_client_rect().top() <= READING_LINE_PX || seen.is_none() {
            seen = Some(s.id);
        } else {
            break;
        }
    }
    seen
}
