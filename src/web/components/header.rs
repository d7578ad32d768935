use crate::format::Locale;
use crate::i18n::{t, Key};
use crate::web::state::use_state;
use leptos::prelude::*;

#[component]
pub fn Header(locale: Locale) -> impl IntoView {
    let switch = |_| switch_language();
    let lang = match locale {
        Locale::En => "en",
        Locale::Zh => "zh-CN",
    };
    // Keep <html lang> true for screen readers and CJK font choice.
    let _ = document()
        .document_element()
        .map(|e| e.set_attribute("lang", lang));
    view! {
        <header class="topbar">
            <div class="brand">
                <span class="logo" aria-hidden="true">"▲"</span>
                <span class="name">"Tierlens"</span>
                <span class="tagline">{t(locale, Key::Tagline)}</span>
            </div>
            <button class="lang" data-testid="lang-switch" on:click=switch>
                {t(locale, Key::SwitchLanguage)}
            </button>
        </header>
    }
}

/// 中文 ⇄ English, from the header or (embedded, without one) the navigation.
pub fn switch_language() {
    use_state().locale.update(|l| {
        *l = match *l {
            Locale::En => Locale::Zh,
            Locale::Zh => Locale::En,
        }
    })
}
