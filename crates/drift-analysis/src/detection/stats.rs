//! Statistics of learning: the regularised incomplete beta function and its inverse (Beta
//! credible intervals, Student t quantiles), and the outlier methods of spec §7 (z-score with
//! iterative masking, Grubbs, generalised ESD, IQR, MAD, and rules).

/// ln Γ(x), Lanczos approximation (g = 7, 9 terms), accurate to ~1e-15 for x > 0.
fn ln_gamma(x: f64) -> f64 {
    const COEFFICIENTS: [f64; 9] = [
        0.999_999_999_999_809_9,
        676.520_368_121_885_1,
        -1_259.139_216_722_402_8,
        771.323_428_777_653_1,
        -176.615_029_162_140_6,
        12.507_343_278_686_905,
        -0.138_571_095_265_720_12,
        9.984_369_578_019_572e-6,
        1.505_632_735_149_311_6e-7,
    ];
    if x < 0.5 {
        // Reflection.
        return (std::f64::consts::PI / (std::f64::consts::PI * x).sin()).ln() - ln_gamma(1.0 - x);
    }
    let x = x - 1.0;
    let mut sum = COEFFICIENTS[0];
    for (index, coefficient) in COEFFICIENTS.iter().enumerate().skip(1) {
        #[allow(clippy::cast_precision_loss)]
        let k = index as f64;
        sum += coefficient / (x + k);
    }
    let t = x + 7.5;
    0.5 * (2.0 * std::f64::consts::PI).ln() + (x + 0.5) * t.ln() - t + sum.ln()
}

/// The continued fraction of the incomplete beta function (modified Lentz).
#[expect(
    clippy::many_single_char_names,
    reason = "the letters of the continued fraction's usual formulation"
)]
fn beta_fraction(a: f64, b: f64, x: f64) -> f64 {
    const TINY: f64 = 1e-300;
    let (qab, qap, qam) = (a + b, a + 1.0, a - 1.0);
    let mut c = 1.0;
    let mut d = 1.0 - qab * x / qap;
    if d.abs() < TINY {
        d = TINY;
    }
    d = 1.0 / d;
    let mut h = d;
    for m in 1..300 {
        let m = f64::from(m);
        let m2 = 2.0 * m;
        let aa = m * (b - m) * x / ((qam + m2) * (a + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        h *= d * c;
        let aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2));
        d = 1.0 + aa * d;
        if d.abs() < TINY {
            d = TINY;
        }
        c = 1.0 + aa / c;
        if c.abs() < TINY {
            c = TINY;
        }
        d = 1.0 / d;
        let delta = d * c;
        h *= delta;
        if (delta - 1.0).abs() < 1e-14 {
            break;
        }
    }
    h
}

/// The regularised incomplete beta function `I_x(a, b)`: the CDF of Beta(a, b) at `x`.
#[must_use]
pub fn beta_cdf(x: f64, a: f64, b: f64) -> f64 {
    if x <= 0.0 {
        return 0.0;
    }
    if x >= 1.0 {
        return 1.0;
    }
    let front =
        (ln_gamma(a + b) - ln_gamma(a) - ln_gamma(b) + a * x.ln() + b * (1.0 - x).ln()).exp();
    if x < (a + 1.0) / (a + b + 2.0) {
        front * beta_fraction(a, b, x) / a
    } else {
        1.0 - front * beta_fraction(b, a, 1.0 - x) / b
    }
}

/// The `p` quantile of Beta(a, b), by bisection (to 1e-10).
#[must_use]
pub fn beta_quantile(p: f64, a: f64, b: f64) -> f64 {
    let (mut low, mut high) = (0.0_f64, 1.0_f64);
    for _ in 0..80 {
        let mid = f64::midpoint(low, high);
        if beta_cdf(mid, a, b) < p {
            low = mid;
        } else {
            high = mid;
        }
    }
    f64::midpoint(low, high)
}

/// The CDF of Student's t with `df` degrees of freedom.
#[must_use]
pub fn t_cdf(t: f64, df: f64) -> f64 {
    let x = df / (df + t * t);
    let tail = 0.5 * beta_cdf(x, df / 2.0, 0.5);
    if t >= 0.0 { 1.0 - tail } else { tail }
}

/// The `p` quantile of Student's t with `df` degrees of freedom.
#[must_use]
pub fn t_quantile(p: f64, df: f64) -> f64 {
    let (mut low, mut high) = (-1e3_f64, 1e3_f64);
    for _ in 0..100 {
        let mid = f64::midpoint(low, high);
        if t_cdf(mid, df) < p {
            low = mid;
        } else {
            high = mid;
        }
    }
    f64::midpoint(low, high)
}

/// Which method flagged a value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// z-score with iterative masking (n >= 30, normal).
    ZScore,
    /// Grubbs' test (10 <= n < 25, normal).
    Grubbs,
    /// Generalised ESD (25 <= n < 30, normal).
    Esd,
    /// Interquartile range x 1.5 (n >= 30).
    Iqr,
    /// Modified z-score from the median absolute deviation.
    Mad,
    /// Zero value, confidence cliff or isolation.
    Rule,
}

impl Method {
    /// The name stored.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::ZScore => "z_score",
            Self::Grubbs => "grubbs",
            Self::Esd => "esd",
            Self::Iqr => "iqr",
            Self::Mad => "mad",
            Self::Rule => "rule",
        }
    }
}

/// A value found to be an outlier.
#[derive(Debug, Clone, PartialEq)]
pub struct Outlier {
    /// Index into the values given.
    pub index: usize,
    /// Methods that flagged it.
    pub methods: Vec<Method>,
    /// Deviation score in [0, 1].
    pub deviation: f64,
    /// `critical`, `high`, `moderate` or `low`.
    pub significance: &'static str,
}

fn mean(values: &[f64]) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let n = values.len() as f64;
    values.iter().sum::<f64>() / n
}

fn std_dev(values: &[f64], center: f64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let n = values.len() as f64;
    (values.iter().map(|v| (v - center).powi(2)).sum::<f64>() / n).sqrt()
}

fn median(sorted: &[f64]) -> f64 {
    quantile(sorted, 0.5)
}

/// Linear-interpolated quantile of sorted values.
fn quantile(sorted: &[f64], q: f64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let position = q * (sorted.len() - 1) as f64;
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let below = position.floor() as usize;
    let above = (below + 1).min(sorted.len() - 1);
    #[allow(clippy::cast_precision_loss)]
    let fraction = position - below as f64;
    sorted[below] + (sorted[above] - sorted[below]) * fraction
}

/// Whether the values look normal: |skewness| <= 2 and |excess kurtosis| <= 7.
fn is_normal(values: &[f64]) -> bool {
    let center = mean(values);
    let sd = std_dev(values, center);
    if sd == 0.0 {
        return true;
    }
    #[allow(clippy::cast_precision_loss)]
    let n = values.len() as f64;
    let skew = values
        .iter()
        .map(|v| ((v - center) / sd).powi(3))
        .sum::<f64>()
        / n;
    let kurtosis = values
        .iter()
        .map(|v| ((v - center) / sd).powi(4))
        .sum::<f64>()
        / n
        - 3.0;
    skew.abs() <= 2.0 && kurtosis.abs() <= 7.0
}

fn z_scores(values: &[f64]) -> Vec<usize> {
    let mut masked = vec![false; values.len()];
    for _ in 0..3 {
        let kept: Vec<f64> = values
            .iter()
            .zip(&masked)
            .filter(|(_, m)| !**m)
            .map(|(v, _)| *v)
            .collect();
        if kept.len() < 3 {
            break;
        }
        let center = mean(&kept);
        let sd = std_dev(&kept, center);
        if sd == 0.0 {
            break;
        }
        let mut changed = false;
        for (index, value) in values.iter().enumerate() {
            if !masked[index] && ((value - center) / sd).abs() > 2.5 {
                masked[index] = true;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    masked
        .iter()
        .enumerate()
        .filter(|(_, m)| **m)
        .map(|(i, _)| i)
        .collect()
}

/// Grubbs' critical value for `n` values at significance `alpha` (two-sided).
fn grubbs_critical(n: usize, alpha: f64) -> f64 {
    #[allow(clippy::cast_precision_loss)]
    let nf = n as f64;
    let t = t_quantile(1.0 - alpha / (2.0 * nf), nf - 2.0);
    (nf - 1.0) / nf.sqrt() * (t * t / (nf - 2.0 + t * t)).sqrt()
}

/// Generalised ESD (Rosner): up to `max` outliers at `alpha`. Grubbs is the case `max = 1`.
fn esd(values: &[f64], max: usize, alpha: f64) -> Vec<usize> {
    let mut remaining: Vec<usize> = (0..values.len()).collect();
    let mut removed = Vec::new();
    let mut last_significant = 0;
    for step in 1..=max {
        if remaining.len() < 3 {
            break;
        }
        let kept: Vec<f64> = remaining.iter().map(|&i| values[i]).collect();
        let center = mean(&kept);
        let sd = std_dev(&kept, center);
        if sd == 0.0 {
            break;
        }
        let (position, statistic) = kept
            .iter()
            .enumerate()
            .map(|(p, v)| (p, ((v - center) / sd).abs()))
            .fold(
                (0, -1.0),
                |best, item| if item.1 > best.1 { item } else { best },
            );
        let n = values.len() - step + 1;
        if statistic > grubbs_critical(n, alpha) {
            last_significant = step;
        }
        removed.push(remaining.remove(position));
    }
    removed.truncate(last_significant);
    removed
}

fn iqr(values: &[f64]) -> Vec<usize> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let (q1, q3) = (quantile(&sorted, 0.25), quantile(&sorted, 0.75));
    let spread = q3 - q1;
    let (low, high) = (q1 - 1.5 * spread, q3 + 1.5 * spread);
    (0..values.len())
        .filter(|&i| values[i] < low || values[i] > high)
        .collect()
}

fn mad(values: &[f64]) -> Vec<usize> {
    let mut sorted = values.to_vec();
    sorted.sort_by(f64::total_cmp);
    let center = median(&sorted);
    let mut deviations: Vec<f64> = values.iter().map(|v| (v - center).abs()).collect();
    deviations.sort_by(f64::total_cmp);
    let mad = median(&deviations);
    // With more than half the values equal the MAD is 0: fall back to the mean absolute
    // deviation (scaled to match a normal's MAD), as is usual.
    let scale = if mad > 0.0 {
        mad / 0.6745
    } else {
        1.253_314 * mean(&deviations)
    };
    if scale == 0.0 {
        return Vec::new();
    }
    (0..values.len())
        .filter(|&i| ((values[i] - center) / scale).abs() > 3.5)
        .collect()
}

fn rules(values: &[f64]) -> Vec<usize> {
    let center = mean(values);
    let sd = std_dev(values, center);
    (0..values.len())
        .filter(|&i| {
            let v = values[i];
            v == 0.0
                || v < center * 0.5
                || (values.len() >= 10 && sd > 0.0 && v < center - 3.0 * sd)
        })
        .collect()
}

/// The outliers among `values` by the method table of spec §7: fewer than 3 values, none;
/// under 10, rules only; then Grubbs, ESD or z-score for normal samples, MAD (and IQR from 30)
/// otherwise, MAD and rules always. A value flagged by several methods has its deviation
/// multiplied by min(methods / 2, 1.5); one flagged by a single statistical method drops a
/// significance tier.
#[must_use]
pub fn outliers(values: &[f64]) -> Vec<Outlier> {
    let n = values.len();
    if n < 3 {
        return Vec::new();
    }
    let mut flagged: Vec<Vec<Method>> = vec![Vec::new(); n];
    let mut add = |indexes: Vec<usize>, method: Method| {
        for index in indexes {
            if !flagged[index].contains(&method) {
                flagged[index].push(method);
            }
        }
    };
    add(rules(values), Method::Rule);
    if n >= 10 {
        let normal = is_normal(values);
        match (n, normal) {
            (10..=24, true) => add(esd(values, 1, 0.05), Method::Grubbs),
            (25..=29, true) => {
                #[allow(
                    clippy::cast_possible_truncation,
                    clippy::cast_sign_loss,
                    clippy::cast_precision_loss
                )]
                let max = ((n as f64).sqrt().ceil() as usize).clamp(1, 10);
                add(esd(values, max, 0.05), Method::Esd);
            }
            (30.., true) => add(z_scores(values), Method::ZScore),
            _ => {}
        }
        if n >= 30 {
            add(iqr(values), Method::Iqr);
        }
        add(mad(values), Method::Mad);
    }
    let center = mean(values);
    flagged
        .into_iter()
        .enumerate()
        .filter(|(_, methods)| !methods.is_empty())
        .map(|(index, methods)| {
            let base = if center > 0.0 {
                (2.0 * (values[index] - center).abs() / center).min(1.0)
            } else {
                1.0
            };
            #[allow(clippy::cast_precision_loss)]
            let boost = (methods.len() as f64 / 2.0).min(1.5);
            let deviation =
                (base * boost.max(if methods.len() == 1 { 1.0 } else { boost })).min(1.0);
            let mut tier = significance_rank(deviation);
            if methods.len() == 1 && methods[0] != Method::Rule {
                tier = (tier + 1).min(3);
            }
            Outlier {
                index,
                methods,
                deviation,
                significance: ["critical", "high", "moderate", "low"][tier],
            }
        })
        .collect()
}

/// 0 critical (>= 0.9), 1 high (>= 0.7), 2 moderate (>= 0.4), 3 low.
fn significance_rank(deviation: f64) -> usize {
    if deviation >= 0.9 {
        0
    } else if deviation >= 0.7 {
        1
    } else if deviation >= 0.4 {
        2
    } else {
        3
    }
}
