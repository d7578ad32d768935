//! A labelled text field bound to a signal: the editors' inputs.

use leptos::prelude::*;

/// `<label>LABEL <input></label>`; the text goes into `value` as typed.
pub fn field(
    label: &'static str,
    testid: &'static str,
    placeholder: String,
    value: RwSignal<String>,
) -> impl IntoView {
    view! {
        <label>{label} " "
            <input type="text" inputmode="decimal" size="14" placeholder=placeholder data-testid=testid
                prop:value=move || value.get() on:input=move |ev| value.set(event_target_value(&ev))/>
        </label>
    }
}
