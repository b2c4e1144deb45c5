//! Scaling a photo down for the book: a separable triangle (linear) filter
//! as wide as the scale factor, on 8-bit channels. The `image` crate's
//! `resize` (generic over pixel types, a float conversion and clamp per
//! sample) was a seventh of a photo page's conversion; this scales the
//! rows down first in a loop the compiler vectorises, then across on the
//! fewer rows left. Plain IEEE `f32` sums in a fixed order: the same bytes
//! on every machine.

/// For each output position along one axis, the first source index and
/// the weights of the source samples from there on.
struct Taps {
    start: Vec<usize>,
    weights: Vec<Vec<f32>>,
}

/// The taps that scale `src` samples to `dst` (`dst <= src`, both > 0).
fn taps(src: usize, dst: usize) -> Taps {
    let scale = src as f64 / dst as f64;
    let support = scale.max(1.0);
    let mut start = Vec::with_capacity(dst);
    let mut weights = Vec::with_capacity(dst);
    for x in 0..dst {
        let centre = (x as f64 + 0.5) * scale;
        // The samples whose centres lie strictly within the support.
        let lo = ((centre - support - 0.5).floor() + 1.0).max(0.0) as usize;
        let hi = ((centre + support - 0.5).ceil() as usize).clamp(lo + 1, src);
        let raw: Vec<f64> = (lo..hi)
            .map(|i| (1.0 - ((i as f64 + 0.5 - centre) / support).abs()).max(0.0))
            .collect();
        let sum: f64 = raw.iter().sum();
        let w: Vec<f32> = raw
            .iter()
            .map(|v| if sum > 0.0 { (v / sum) as f32 } else { 0.0 })
            .collect();
        start.push(lo);
        weights.push(w);
    }
    Taps { start, weights }
}

/// Round a weighted sum back to a channel value (`as` saturates at 0 and 255).
fn channel(acc: f32) -> u8 {
    (acc + 0.5) as u8
}

/// `pixels` (`channels` bytes a pixel, 1 or 3, `width`×`height`, rows top
/// to bottom) scaled to `new_w`×`new_h`, neither larger than the original.
pub(crate) fn down(
    pixels: &[u8],
    channels: usize,
    width: u32,
    height: u32,
    new_w: u32,
    new_h: u32,
) -> Vec<u8> {
    let (w, h, nw, nh) = (
        width as usize,
        height as usize,
        new_w as usize,
        new_h as usize,
    );
    // Down first, on whole rows (a loop the compiler vectorises): nh rows of w pixels.
    let ty = taps(h, nh);
    let row = w * channels;
    let mut tall = vec![0u8; nh * row];
    let mut acc = vec![0f32; row];
    for (y, out_row) in tall.chunks_exact_mut(row).enumerate() {
        acc.iter_mut().for_each(|a| *a = 0.0);
        for (k, &wt) in ty.weights[y].iter().enumerate() {
            let src = &pixels[(ty.start[y] + k) * row..][..row];
            for (a, &v) in acc.iter_mut().zip(src) {
                *a += wt * f32::from(v);
            }
        }
        for (o, &a) in out_row.iter_mut().zip(&acc) {
            *o = channel(a);
        }
    }
    // Then across, on the fewer rows left.
    let tx = taps(w, nw);
    match channels {
        1 => across::<1>(&tall, w, nw, &tx),
        _ => across::<3>(&tall, w, nw, &tx),
    }
}

/// Each row of `rows` (`w` pixels of `CH` bytes) scaled across to `nw`.
fn across<const CH: usize>(rows: &[u8], w: usize, nw: usize, tx: &Taps) -> Vec<u8> {
    let mut out = vec![0u8; rows.len() / (w * CH) * nw * CH];
    for (src_row, out_row) in rows.chunks_exact(w * CH).zip(out.chunks_exact_mut(nw * CH)) {
        for ((o, &s), wts) in out_row.chunks_exact_mut(CH).zip(&tx.start).zip(&tx.weights) {
            let mut acc = [0f32; CH];
            for (px, &wt) in src_row[s * CH..].chunks_exact(CH).zip(wts) {
                for c in 0..CH {
                    acc[c] += wt * f32::from(px[c]);
                }
            }
            for c in 0..CH {
                o[c] = channel(acc[c]);
            }
        }
    }
    out
}

/// The size that fits `width`×`height` within `max`×`max`, keeping its
/// proportions (at least one pixel each way).
pub(crate) fn fit(width: u32, height: u32, max: u32) -> (u32, u32) {
    if width.max(height) <= max {
        return (width, height);
    }
    let (w, h, m) = (u64::from(width), u64::from(height), u64::from(max));
    if width >= height {
        (max, ((h * m + w / 2) / w).max(1) as u32)
    } else {
        (((w * m + h / 2) / h).max(1) as u32, max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_flat_picture_stays_flat_and_the_size_is_kept_in_proportion() {
        let px = vec![200u8; 30 * 20 * 3];
        let out = down(&px, 3, 30, 20, 13, 9);
        assert_eq!(out.len(), 13 * 9 * 3);
        assert!(out.iter().all(|&v| v == 200));
        assert_eq!(fit(2362, 1323, 1600), (1600, 896));
        assert_eq!(fit(1323, 2362, 1600), (896, 1600));
        assert_eq!(fit(800, 600, 1600), (800, 600));
        assert_eq!(fit(100000, 1, 1600), (1600, 1));
    }

    #[test]
    fn an_edge_is_blended_not_moved() {
        // Left half black, right half white, halved: a grey pixel at most at the edge.
        let px: Vec<u8> = (0..8)
            .flat_map(|x| if x < 4 { [0u8] } else { [255] })
            .collect();
        let out = down(&px, 1, 8, 1, 4, 1);
        assert!(out[0] < 10 && out[3] > 245, "{out:?}");
    }
}
