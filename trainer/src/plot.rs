//! Learning curves from `metrics.jsonl`: one chart, several runs, the raw
//! series drawn faint and a moving average drawn solid, as PNG and SVG.

use std::path::{Path, PathBuf};

use plotters::coord::Shift;
use plotters::prelude::*;

use crate::metrics::{read_records, MetricsError, Record};

/// Errors while plotting.
#[derive(Debug, thiserror::Error)]
pub enum PlotError {
    #[error(transparent)]
    Metrics(#[from] MetricsError),
    #[error("run {run}: no `{metric}` values in metrics.jsonl")]
    NoData { run: String, metric: String },
    #[error("drawing {path}: {msg}")]
    Draw { path: String, msg: String },
}

/// One run's curve.
#[derive(Debug, Clone, PartialEq)]
pub struct Series {
    pub label: String,
    pub points: Vec<(f64, f64)>,
}

/// Reads `metric` from a run folder: training lines first; when none carry
/// it, evaluation lines (so `accuracy` of an eval-only metric still plots).
pub fn load_series(run_dir: &Path, metric: &str) -> Result<Series, PlotError> {
    let recs = read_records(&run_dir.join("metrics.jsonl"))?;
    let pick = |want_train: bool| -> Vec<(f64, f64)> {
        recs.iter()
            .filter(|r| matches!(r, Record::Train(_)) == want_train)
            .filter(|r| !matches!(r, Record::Event { .. }))
            .filter_map(|r| r.value(metric).map(|v| (r.step() as f64, v)))
            .filter(|(_, v)| v.is_finite())
            .collect()
    };
    let mut points = pick(true);
    if points.is_empty() {
        points = pick(false);
    }
    let label = run_dir
        .file_name()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| run_dir.display().to_string());
    if points.is_empty() {
        return Err(PlotError::NoData {
            run: label,
            metric: metric.to_string(),
        });
    }
    Ok(Series { label, points })
}

/// Trailing moving average over `window` points (window 1 = raw).
pub fn smooth(points: &[(f64, f64)], window: usize) -> Vec<(f64, f64)> {
    let w = window.max(1);
    let mut sum = 0.0;
    let mut out = Vec::with_capacity(points.len());
    for (i, &(x, y)) in points.iter().enumerate() {
        sum += y;
        if i >= w {
            sum -= points[i - w].1;
        }
        out.push((x, sum / (i + 1).min(w) as f64));
    }
    out
}

/// Draws the series to `<stem>.png` and `<stem>.svg`; returns both paths.
pub fn plot_runs(
    series: &[Series],
    metric: &str,
    window: usize,
    stem: &Path,
) -> Result<Vec<PathBuf>, PlotError> {
    let png = stem.with_extension("png");
    let svg = stem.with_extension("svg");
    let size = (960, 600);
    draw_to(
        BitMapBackend::new(&png, size).into_drawing_area(),
        &png,
        series,
        metric,
        window,
    )?;
    draw_to(
        SVGBackend::new(&svg, size).into_drawing_area(),
        &svg,
        series,
        metric,
        window,
    )?;
    Ok(vec![png, svg])
}

/// Draws onto `root` and writes it out; errors name `path`.
fn draw_to<DB: DrawingBackend>(
    root: DrawingArea<DB, Shift>,
    path: &Path,
    series: &[Series],
    metric: &str,
    window: usize,
) -> Result<(), PlotError> {
    let failed = |msg: String| PlotError::Draw {
        path: path.display().to_string(),
        msg,
    };
    draw(&root, series, metric, window).map_err(failed)?;
    root.present().map_err(|e| failed(e.to_string()))
}

fn draw<DB: DrawingBackend>(
    root: &DrawingArea<DB, Shift>,
    series: &[Series],
    metric: &str,
    window: usize,
) -> Result<(), String> {
    let e = |x: &dyn std::fmt::Display| x.to_string();
    root.fill(&WHITE).map_err(|x| e(&x))?;
    let pts = series.iter().flat_map(|s| s.points.iter());
    let (mut x0, mut x1, mut y0, mut y1) = (f64::MAX, f64::MIN, f64::MAX, f64::MIN);
    for &(x, y) in pts {
        x0 = x0.min(x);
        x1 = x1.max(x);
        y0 = y0.min(y);
        y1 = y1.max(y);
    }
    if x1 <= x0 {
        x1 = x0 + 1.0;
    }
    let pad = ((y1 - y0) * 0.05).max(1e-3);
    let mut chart = ChartBuilder::on(root)
        .caption(metric, ("sans-serif", 26))
        .margin(15)
        .x_label_area_size(40)
        .y_label_area_size(60)
        .build_cartesian_2d(x0..x1, (y0 - pad)..(y1 + pad))
        .map_err(|x| e(&x))?;
    chart
        .configure_mesh()
        .x_desc("step")
        .y_desc(metric)
        .draw()
        .map_err(|x| e(&x))?;
    for (i, s) in series.iter().enumerate() {
        let color = Palette99::pick(i).to_rgba();
        chart
            .draw_series(LineSeries::new(s.points.iter().copied(), color.mix(0.25)))
            .map_err(|x| e(&x))?;
        chart
            .draw_series(LineSeries::new(
                smooth(&s.points, window),
                color.stroke_width(2),
            ))
            .map_err(|x| e(&x))?
            .label(s.label.clone())
            .legend(move |(x, y)| {
                PathElement::new(vec![(x, y), (x + 20, y)], color.stroke_width(2))
            });
    }
    chart
        .configure_series_labels()
        .background_style(WHITE.mix(0.8))
        .border_style(BLACK)
        .position(SeriesLabelPosition::LowerRight)
        .draw()
        .map_err(|x| e(&x))?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moving_average_is_trailing() {
        let p = [(0.0, 1.0), (1.0, 3.0), (2.0, 5.0), (3.0, 7.0)];
        let s = smooth(&p, 2);
        assert_eq!(s, vec![(0.0, 1.0), (1.0, 2.0), (2.0, 4.0), (3.0, 6.0)]);
        assert_eq!(smooth(&p, 1), p.to_vec());
    }
}
