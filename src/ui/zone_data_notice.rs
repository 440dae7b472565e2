//! Says that a run waits for the tz database, or why it could not be loaded (the sentences
//! come from `ZoneData::notice`). A function, not a component: it is drawn with the stage.

use yew::prelude::*;

use crate::view_model::zone_data::ZoneData;

/// The notice, or nothing when the run waits for no zone data.
pub fn zone_data_notice(zone_data: &ZoneData) -> Html {
    let Some((title, detail)) = zone_data.notice() else {
        return html! {};
    };
    let failed = matches!(zone_data, ZoneData::Failed { .. });
    html! {
        <div class={classes!("jp-computing", failed.then_some("jp-zone-failed"))} role={if failed { "alert" } else { "status" }} data-testid="zone-data">
            <p class="jp-computing-title">{ title }</p>
            if !failed {
                <progress class="jp-computing-bar" aria-label="Loading the time zone database"></progress>
            }
            <p class="jp-computing-summary">{ detail }</p>
        </div>
    }
}
