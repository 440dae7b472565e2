//! Which rows of a long chart the page draws: those in the scroll box's view and a few more
//! either side, so a 500-pod Job scrolls through every row while only about a screenful
//! exists in the page (the box keeps its full height through spacers above and below).

/// Rows drawn beyond the view on each side, so a quick scroll does not show blank space
/// before the next frame.
pub const OVERSCAN: usize = 8;

/// The rows to draw, `first..end`, out of `total` rows of `row_px` each, for a box whose
/// view starts `scroll_top` px down and is `view_px` tall.
pub fn row_window(
    total: usize,
    row_px: f64,
    scroll_top: f64,
    view_px: f64,
) -> std::ops::Range<usize> {
    if total == 0 || row_px <= 0.0 {
        return 0..0;
    }
    let first = (scroll_top.max(0.0) / row_px).floor() as usize;
    let shown = (view_px.max(row_px) / row_px).ceil() as usize + 1;
    let start = first.saturating_sub(OVERSCAN).min(total);
    let end = (first + shown + OVERSCAN).min(total);
    start..end.max(start)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_window_covers_the_view_and_the_overscan() {
        // 500 rows of 24 px in a 360 px box: at the top, the first 16 rows and 8 more.
        assert_eq!(row_window(500, 24.0, 0.0, 360.0), 0..24);
        // Scrolled to row 100: rows 92..124.
        assert_eq!(row_window(500, 24.0, 2400.0, 360.0), 92..124);
        // Scrolled to the end: the last row is drawn.
        let end = row_window(500, 24.0, 500.0 * 24.0 - 360.0, 360.0);
        assert_eq!(end.end, 500);
        assert!(end.len() <= 16 + 2 * OVERSCAN + 1, "{end:?}");
    }

    #[test]
    fn short_charts_draw_every_row_and_odd_inputs_stay_in_range() {
        assert_eq!(row_window(5, 24.0, 0.0, 360.0), 0..5);
        assert_eq!(row_window(0, 24.0, 0.0, 360.0), 0..0);
        assert_eq!(row_window(10, 24.0, 1e9, 360.0), 10..10);
        assert_eq!(row_window(10, 24.0, -50.0, 0.0), 0..10);
    }
}
