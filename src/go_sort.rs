//! Go's `sort.Sort`, step for step: the pattern-defeating quicksort of Go's
//! `src/sort/zsortinterface.go` (insertion sort up to 12 elements, then pdqsort with its
//! pivot choice, pattern breaking and heap sort fallback).
//!
//! kubectl orders `describe`'s events with it (`DescribeEvents` in
//! staging/src/k8s.io/kubectl/pkg/describe/describe.go sorts `SortableEvents` by
//! `LastTimestamp`), and it is not stable: in a list of more than 12 events, those of the
//! same second come out in the order its swaps leave them, which a stable sort would not
//! reproduce. Only the order of the comparisons and swaps matters, so this is written over
//! a slice and a strict "less" as Go's `Interface` is.

/// Sorts `items` as Go's `sort.Sort` sorts a slice whose `Less(i, j)` is
/// `less(&items[i], &items[j])` and whose `Swap` swaps two elements.
pub(crate) fn sort<T>(items: &mut [T], less: &dyn Fn(&T, &T) -> bool) {
    let n = items.len();
    if n <= 1 {
        return;
    }
    let mut s = Sorter { items, less };
    s.pdqsort(0, n, bits_len(n as u64));
}

/// Go's `bits.Len`: the number of bits needed to write `x`.
fn bits_len(x: u64) -> usize {
    (u64::BITS - x.leading_zeros()) as usize
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Hint {
    Unknown,
    Increasing,
    Decreasing,
}

struct Sorter<'a, T> {
    items: &'a mut [T],
    less: &'a dyn Fn(&T, &T) -> bool,
}

impl<T> Sorter<'_, T> {
    fn less(&self, i: usize, j: usize) -> bool {
        (self.less)(&self.items[i], &self.items[j])
    }

    fn swap(&mut self, i: usize, j: usize) {
        self.items.swap(i, j);
    }

    fn insertion_sort(&mut self, a: usize, b: usize) {
        for i in a + 1..b {
            let mut j = i;
            while j > a && self.less(j, j - 1) {
                self.swap(j, j - 1);
                j -= 1;
            }
        }
    }

    fn sift_down(&mut self, lo: usize, hi: usize, first: usize) {
        let mut root = lo;
        loop {
            let mut child = 2 * root + 1;
            if child >= hi {
                return;
            }
            if child + 1 < hi && self.less(first + child, first + child + 1) {
                child += 1;
            }
            if !self.less(first + root, first + child) {
                return;
            }
            self.swap(first + root, first + child);
            root = child;
        }
    }

    fn heap_sort(&mut self, a: usize, b: usize) {
        let hi = b - a;
        for i in (0..=(hi - 1) / 2).rev() {
            self.sift_down(i, hi, a);
        }
        for i in (0..hi).rev() {
            self.swap(a, a + i);
            self.sift_down(0, i, a);
        }
    }

    fn pdqsort(&mut self, mut a: usize, mut b: usize, mut limit: usize) {
        const MAX_INSERTION: usize = 12;
        let mut was_balanced = true;
        let mut was_partitioned = true;
        loop {
            let length = b - a;
            if length <= MAX_INSERTION {
                self.insertion_sort(a, b);
                return;
            }
            if limit == 0 {
                self.heap_sort(a, b);
                return;
            }
            if !was_balanced {
                self.break_patterns(a, b);
                limit -= 1;
            }
            let (mut pivot, mut hint) = self.choose_pivot(a, b);
            if hint == Hint::Decreasing {
                self.reverse_range(a, b);
                pivot = (b - 1) - (pivot - a);
                hint = Hint::Increasing;
            }
            if was_balanced
                && was_partitioned
                && hint == Hint::Increasing
                && self.partial_insertion_sort(a, b)
            {
                return;
            }
            // The pivot equals the element just before this range (the previous pivot):
            // everything equal to it goes first and needs no more sorting.
            if a > 0 && !self.less(a - 1, pivot) {
                a = self.partition_equal(a, b, pivot);
                continue;
            }
            let (mid, already_partitioned) = self.partition(a, b, pivot);
            was_partitioned = already_partitioned;
            let (left, right) = (mid - a, b - mid);
            let balance_threshold = length / 8;
            if left < right {
                was_balanced = left >= balance_threshold;
                self.pdqsort(a, mid, limit);
                a = mid + 1;
            } else {
                was_balanced = right >= balance_threshold;
                self.pdqsort(mid + 1, b, limit);
                b = mid;
            }
        }
    }

    /// Indexes are signed as in Go: `j` may step below `i`.
    fn partition(&mut self, a: usize, b: usize, pivot: usize) -> (usize, bool) {
        self.swap(a, pivot);
        let (mut i, mut j) = (a as isize + 1, b as isize - 1);
        while i <= j && self.less(i as usize, a) {
            i += 1;
        }
        while i <= j && !self.less(j as usize, a) {
            j -= 1;
        }
        if i > j {
            self.swap(j as usize, a);
            return (j as usize, true);
        }
        self.swap(i as usize, j as usize);
        i += 1;
        j -= 1;
        loop {
            while i <= j && self.less(i as usize, a) {
                i += 1;
            }
            while i <= j && !self.less(j as usize, a) {
                j -= 1;
            }
            if i > j {
                break;
            }
            self.swap(i as usize, j as usize);
            i += 1;
            j -= 1;
        }
        self.swap(j as usize, a);
        (j as usize, false)
    }

    fn partition_equal(&mut self, a: usize, b: usize, pivot: usize) -> usize {
        self.swap(a, pivot);
        let (mut i, mut j) = (a as isize + 1, b as isize - 1);
        loop {
            while i <= j && !self.less(a, i as usize) {
                i += 1;
            }
            while i <= j && self.less(a, j as usize) {
                j -= 1;
            }
            if i > j {
                break;
            }
            self.swap(i as usize, j as usize);
            i += 1;
            j -= 1;
        }
        i as usize
    }

    fn partial_insertion_sort(&mut self, a: usize, b: usize) -> bool {
        const MAX_STEPS: usize = 5;
        const SHORTEST_SHIFTING: usize = 50;
        let mut i = a + 1;
        for _ in 0..MAX_STEPS {
            while i < b && !self.less(i, i - 1) {
                i += 1;
            }
            if i == b {
                return true;
            }
            if b - a < SHORTEST_SHIFTING {
                return false;
            }
            self.swap(i, i - 1);
            // Go shifts the smaller element left down to index 1 of the whole slice.
            if i - a >= 2 {
                let mut j = i - 1;
                while j >= 1 && self.less(j, j - 1) {
                    self.swap(j, j - 1);
                    j -= 1;
                }
            }
            if b - i >= 2 {
                let mut j = i + 1;
                while j < b && self.less(j, j - 1) {
                    self.swap(j, j - 1);
                    j += 1;
                }
            }
        }
        false
    }

    /// Swaps three elements around the middle with ones a xorshift seeded by the length
    /// picks (Go's `uint` is 64 bits on the platforms kubectl ships for).
    fn break_patterns(&mut self, a: usize, b: usize) {
        let length = b - a;
        if length < 8 {
            return;
        }
        let mut random = length as u64;
        let modulus = 1u64 << bits_len(length as u64);
        let middle = a + (length / 4) * 2;
        for idx in middle - 1..=middle + 1 {
            random ^= random << 13;
            random ^= random >> 7;
            random ^= random << 17;
            let mut other = (random & (modulus - 1)) as usize;
            if other >= length {
                other -= length;
            }
            self.swap(idx, a + other);
        }
    }

    fn choose_pivot(&mut self, a: usize, b: usize) -> (usize, Hint) {
        const SHORTEST_NINTHER: usize = 50;
        const MAX_SWAPS: usize = 4 * 3;
        let l = b - a;
        let mut swaps = 0;
        let mut i = a + l / 4;
        let mut j = a + l / 4 * 2;
        let mut k = a + l / 4 * 3;
        if l >= 8 {
            if l >= SHORTEST_NINTHER {
                i = self.median(i - 1, i, i + 1, &mut swaps);
                j = self.median(j - 1, j, j + 1, &mut swaps);
                k = self.median(k - 1, k, k + 1, &mut swaps);
            }
            j = self.median(i, j, k, &mut swaps);
        }
        let hint = match swaps {
            0 => Hint::Increasing,
            MAX_SWAPS => Hint::Decreasing,
            _ => Hint::Unknown,
        };
        (j, hint)
    }

    fn order2(&self, a: usize, b: usize, swaps: &mut usize) -> (usize, usize) {
        if self.less(b, a) {
            *swaps += 1;
            return (b, a);
        }
        (a, b)
    }

    fn median(&self, a: usize, b: usize, c: usize, swaps: &mut usize) -> usize {
        let (a, b) = self.order2(a, b, swaps);
        let (b, _) = self.order2(b, c, swaps);
        let (_, b) = self.order2(a, b, swaps);
        b
    }

    fn reverse_range(&mut self, a: usize, b: usize) {
        let (mut i, mut j) = (a, b - 1);
        while i < j {
            self.swap(i, j);
            i += 1;
            j -= 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Keys with many repeats, each tagged with its place, sorted by key only: the tags'
    /// order is what Go's `sort.Sort` leaves (computed with go1.26.8 by
    /// `sort.Sort(byKey(items))`; the generator is the one below).
    fn keyed(n: usize, distinct: u64, seed: u64) -> Vec<(u64, usize)> {
        let mut x = seed;
        (0..n)
            .map(|i| {
                x = x
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                ((x >> 33) % distinct, i)
            })
            .collect()
    }

    fn tags_after_sort(n: usize, distinct: u64, seed: u64) -> Vec<usize> {
        let mut items = keyed(n, distinct, seed);
        sort(&mut items, &|a, b| a.0 < b.0);
        assert!(items.windows(2).all(|w| w[0].0 <= w[1].0), "sorted by key");
        items.iter().map(|(_, tag)| *tag).collect()
    }

    #[test]
    fn up_to_twelve_elements_keep_equal_ones_in_order() {
        assert_eq!(tags_after_sort(12, 3, 7), GO_12_3_7.to_vec());
    }

    #[test]
    fn longer_lists_move_equal_elements_as_go_does() {
        assert_eq!(tags_after_sort(20, 3, 1), GO_20_3_1.to_vec());
        assert_eq!(tags_after_sort(60, 4, 2), GO_60_4_2.to_vec());
        assert_eq!(tags_after_sort(300, 5, 3), GO_300_5_3.to_vec());
    }

    #[test]
    fn a_descending_list_is_reversed_first_as_go_does() {
        let n = 100;
        let mut items: Vec<(usize, usize)> = (0..n).map(|i| ((n - i) / 3, i)).collect();
        sort(&mut items, &|a, b| a.0 < b.0);
        let tags: Vec<usize> = items.iter().map(|(_, tag)| *tag).collect();
        assert_eq!(tags, GO_DESCENDING_100.to_vec());
    }

    #[test]
    fn a_sawtooth_takes_the_unbalanced_paths_as_go_does() {
        let mut items: Vec<(usize, usize)> = (0..500).map(|i| (i % 7, i)).collect();
        sort(&mut items, &|a, b| a.0 < b.0);
        let tags: Vec<usize> = items.iter().map(|(_, tag)| *tag).collect();
        assert_eq!(tags, GO_SAWTOOTH_500.to_vec());
    }

    // What go1.26.8's sort.Sort leaves on the same inputs (`keyed`'s generator, then the
    // descending and sawtooth keys above), by tag.
    const GO_12_3_7: [usize; 12] = [2, 7, 11, 4, 6, 8, 9, 10, 0, 1, 3, 5];
    const GO_20_3_1: [usize; 20] = [
        10, 1, 2, 3, 4, 19, 13, 12, 8, 15, 9, 11, 7, 16, 18, 6, 14, 0, 17, 5,
    ];
    const GO_60_4_2: [usize; 60] = [
        41, 46, 2, 3, 54, 53, 6, 22, 39, 37, 45, 44, 20, 14, 31, 0, 38, 35, 17, 36, 55, 8, 51, 32,
        24, 15, 1, 27, 59, 56, 30, 25, 23, 33, 9, 21, 52, 18, 16, 13, 7, 12, 49, 48, 11, 42, 10,
        47, 43, 26, 50, 40, 19, 5, 4, 34, 29, 57, 58, 28,
    ];
    const GO_300_5_3: [usize; 300] = [
        61, 299, 2, 187, 172, 171, 6, 7, 158, 155, 292, 149, 146, 206, 290, 15, 285, 284, 208, 138,
        20, 128, 218, 125, 123, 219, 224, 281, 28, 109, 106, 227, 102, 276, 34, 100, 97, 272, 271,
        270, 40, 95, 42, 92, 44, 88, 46, 240, 85, 84, 242, 81, 52, 53, 75, 250, 56, 254, 259, 64,
        63, 91, 120, 60, 59, 65, 66, 183, 184, 174, 173, 71, 57, 251, 55, 54, 249, 248, 297, 169,
        191, 51, 166, 50, 261, 264, 162, 87, 295, 239, 196, 182, 43, 93, 198, 269, 234, 36, 233,
        294, 154, 199, 32, 231, 200, 277, 278, 107, 202, 12, 291, 225, 112, 113, 282, 142, 141, 19,
        118, 25, 136, 134, 132, 24, 124, 23, 22, 130, 21, 129, 275, 257, 122, 133, 121, 210, 62,
        137, 220, 18, 207, 222, 115, 226, 205, 145, 279, 204, 148, 11, 203, 108, 104, 101, 211,
        217, 165, 238, 45, 159, 160, 161, 268, 195, 164, 236, 243, 194, 246, 247, 170, 296, 78, 70,
        99, 298, 185, 177, 258, 67, 180, 74, 241, 1, 178, 3, 5, 175, 10, 189, 14, 168, 192, 193,
        286, 163, 283, 26, 156, 27, 152, 35, 151, 150, 147, 144, 143, 140, 139, 37, 135, 131, 38,
        265, 214, 215, 216, 263, 126, 49, 260, 221, 116, 253, 114, 80, 110, 245, 228, 181, 89, 103,
        232, 98, 235, 96, 94, 237, 90, 230, 86, 229, 83, 82, 244, 105, 111, 79, 77, 76, 0, 73, 252,
        223, 72, 255, 256, 69, 68, 58, 117, 119, 262, 127, 48, 213, 266, 267, 47, 41, 39, 212, 209,
        273, 274, 201, 33, 31, 30, 29, 280, 153, 197, 157, 17, 16, 167, 287, 288, 289, 190, 13,
        188, 293, 9, 8, 186, 4, 176, 179,
    ];
    const GO_DESCENDING_100: [usize; 100] = [
        99, 98, 97, 96, 95, 92, 94, 93, 90, 91, 89, 88, 87, 86, 85, 84, 83, 80, 82, 81, 78, 79, 77,
        76, 75, 74, 73, 72, 71, 68, 70, 69, 67, 66, 65, 62, 64, 63, 61, 60, 59, 58, 57, 56, 53, 55,
        54, 51, 50, 52, 49, 48, 47, 44, 46, 45, 42, 43, 41, 38, 40, 39, 37, 36, 35, 34, 33, 32, 29,
        31, 30, 26, 27, 28, 25, 24, 23, 22, 21, 20, 17, 19, 18, 14, 15, 16, 11, 13, 12, 8, 10, 9,
        7, 6, 5, 4, 3, 2, 0, 1,
    ];
    const GO_SAWTOOTH_500: [usize; 500] = [
        308, 217, 210, 357, 420, 413, 224, 7, 203, 196, 231, 189, 497, 350, 14, 427, 238, 364, 182,
        406, 175, 21, 245, 434, 343, 168, 252, 490, 28, 161, 399, 154, 441, 259, 336, 35, 147, 266,
        140, 448, 133, 273, 42, 126, 0, 329, 371, 483, 392, 49, 280, 119, 455, 112, 322, 287, 56,
        105, 385, 294, 98, 462, 476, 63, 91, 301, 84, 315, 378, 469, 70, 77, 288, 36, 1, 218, 470,
        71, 78, 211, 379, 414, 498, 204, 316, 85, 8, 302, 421, 358, 225, 64, 92, 197, 232, 295,
        463, 477, 190, 99, 351, 15, 428, 386, 407, 57, 106, 183, 239, 344, 176, 456, 323, 113, 22,
        246, 169, 365, 281, 435, 120, 491, 50, 372, 162, 29, 43, 127, 253, 274, 484, 400, 449, 155,
        134, 442, 393, 337, 330, 260, 148, 141, 309, 267, 142, 240, 443, 37, 331, 149, 268, 394,
        135, 338, 366, 485, 156, 30, 450, 254, 128, 275, 44, 163, 121, 401, 436, 51, 324, 282, 170,
        247, 387, 23, 114, 492, 457, 177, 478, 261, 415, 429, 345, 107, 184, 16, 289, 58, 373, 100,
        317, 191, 408, 233, 296, 352, 9, 93, 198, 226, 464, 422, 65, 86, 303, 205, 310, 499, 359,
        380, 2, 79, 212, 219, 471, 72, 465, 108, 3, 213, 220, 360, 353, 10, 206, 17, 199, 227, 346,
        493, 409, 423, 24, 31, 234, 339, 192, 486, 185, 430, 367, 241, 332, 178, 38, 45, 325, 171,
        248, 52, 402, 479, 164, 437, 59, 255, 374, 318, 157, 66, 150, 444, 262, 311, 472, 395, 73,
        143, 80, 269, 304, 87, 136, 381, 129, 451, 276, 297, 94, 101, 122, 290, 458, 283, 416, 388,
        115, 109, 284, 116, 452, 291, 459, 102, 389, 95, 123, 277, 298, 382, 130, 88, 137, 466,
        270, 305, 81, 445, 74, 144, 396, 263, 312, 473, 375, 67, 151, 60, 158, 319, 256, 438, 165,
        53, 249, 172, 326, 480, 46, 431, 39, 403, 242, 333, 368, 179, 186, 487, 32, 235, 340, 193,
        25, 424, 410, 18, 228, 347, 200, 361, 494, 11, 207, 417, 354, 221, 4, 214, 124, 89, 355, 5,
        362, 12, 348, 495, 341, 19, 334, 369, 26, 488, 327, 33, 320, 40, 376, 47, 313, 481, 306,
        54, 299, 383, 61, 474, 292, 68, 285, 75, 390, 82, 278, 467, 271, 96, 264, 397, 460, 103,
        257, 110, 250, 117, 404, 453, 243, 131, 236, 138, 229, 411, 446, 145, 222, 152, 215, 439,
        418, 159, 208, 166, 201, 173, 194, 425, 432, 180, 187, 181, 188, 174, 426, 433, 195, 167,
        202, 160, 419, 209, 440, 153, 216, 146, 223, 139, 412, 447, 230, 132, 237, 125, 118, 405,
        454, 244, 111, 251, 104, 258, 398, 461, 97, 265, 90, 356, 83, 272, 468, 391, 76, 279, 69,
        286, 293, 475, 62, 384, 55, 300, 48, 307, 482, 377, 41, 314, 34, 321, 328, 489, 27, 370,
        20, 335, 13, 342, 496, 363, 6, 349,
    ];
}
