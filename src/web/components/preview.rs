//! The landing's picture of what the dashboard gives: its three main
//! findings (who carries the revenue, who is slipping, what each is
//! worth), each a small static drawing beside its words. The drawings are
//! decoration in the page's palette, made of no data; the words come from
//! `i18n` and carry the meaning.

use crate::format::Locale;
use crate::i18n::{t, Key};
use leptos::prelude::*;

#[component]
pub fn Preview(locale: Locale) -> impl IntoView {
    view! {
        <section class="card preview" aria-labelledby="preview-title" data-testid="preview">
            <h2 id="preview-title">{t(locale, Key::PreviewTitle)}</h2>
            <div class="preview-grid">
                <Finding title=Key::FindingCarryTitle text=Key::FindingCarry locale=locale>
                    <Concentration/>
                </Finding>
                <Finding title=Key::FindingSlippingTitle text=Key::FindingSlipping locale=locale>
                    <Slipping/>
                </Finding>
                <Finding title=Key::FindingWorthTitle text=Key::FindingWorth locale=locale>
                    <Worth/>
                </Finding>
            </div>
        </section>
    }
}

#[component]
fn Finding(title: Key, text: Key, locale: Locale, children: Children) -> impl IntoView {
    view! {
        <figure class="finding">
            <div class="finding-picture">{children()}</div>
            <figcaption>
                <strong>{t(locale, title)}</strong>
                <span>{t(locale, text)}</span>
            </figcaption>
        </figure>
    }
}

/// A concentration curve far above the equality line, the top fifth marked.
#[component]
fn Concentration() -> impl IntoView {
    view! {
        <svg viewBox="0 0 120 80" aria-hidden="true" focusable="false">
            <path d="M12 70 H112 M12 70 V8" stroke="#afb8c1" stroke-width="1" fill="none"/>
            <path d="M12 70 L112 8" stroke="#76808c" stroke-width="1.2" stroke-dasharray="3 3" fill="none"/>
            <path d="M12 70 C18 30 26 18 32 16 S70 9 112 8" stroke="#0072b2" stroke-width="3" fill="none" stroke-linecap="round"/>
            <path d="M32 70 V16 H12" stroke="#e69f00" stroke-width="1.5" stroke-dasharray="2 2" fill="none"/>
            <circle cx="32" cy="16" r="4" fill="#e69f00"/>
        </svg>
    }
}

/// Stage bars: active, then the dormant ones highlighted, then the lost.
#[component]
fn Slipping() -> impl IntoView {
    view! {
        <svg viewBox="0 0 120 80" aria-hidden="true" focusable="false">
            <rect x="12" y="10" width="92" height="14" rx="3" fill="#009e73"/>
            <rect x="12" y="32" width="58" height="14" rx="3" fill="#e69f00"/>
            <rect x="12" y="54" width="30" height="14" rx="3" fill="#c9d1db"/>
            <path d="M84 30 L84 50 M78 44 L84 50 L90 44" stroke="#d55e00" stroke-width="2.5" fill="none" stroke-linecap="round" stroke-linejoin="round"/>
        </svg>
    }
}

/// Value per tier: A tall, B lower, C small, each with a forecast cap.
#[component]
fn Worth() -> impl IntoView {
    view! {
        <svg viewBox="0 0 120 80" aria-hidden="true" focusable="false">
            <path d="M10 70 H112" stroke="#afb8c1" stroke-width="1"/>
            <rect x="20" y="18" width="22" height="52" rx="2" fill="#0072b2"/>
            <rect x="20" y="8" width="22" height="10" rx="2" fill="#56b4e9"/>
            <rect x="50" y="42" width="22" height="28" rx="2" fill="#e69f00"/>
            <rect x="50" y="35" width="22" height="7" rx="2" fill="#f5c96a"/>
            <rect x="80" y="58" width="22" height="12" rx="2" fill="#c9d1db"/>
            <rect x="80" y="54" width="22" height="4" rx="1" fill="#e2e7ed"/>
        </svg>
    }
}
