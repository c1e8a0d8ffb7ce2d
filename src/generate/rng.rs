//! The generator's randomness and word pools: the same seed gives the same township.

use chrono::NaiveDateTime;

/// A small, fast, seedable generator: the same inputs give the same township.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        // splitmix64
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }
}

pub const SURNAMES: [&str; 12] = [
    "王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙",
];

pub const GIVEN: [&str; 12] = [
    "伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰",
];

pub const CHANNELS: [&str; 7] = [
    "12345热线",
    "信访",
    "现场举报",
    "上级交办",
    "部门移送",
    "网格上报",
    "巡查发现",
];

pub const PROBLEMS: [&str; 8] = [
    "占道经营",
    "夜间施工噪声",
    "违规焚烧垃圾",
    "私搭乱建",
    "油烟直排",
    "乱堆乱放",
    "擅设广告牌",
    "河道采砂",
];

pub fn fmt_dt(t: NaiveDateTime) -> String {
    t.format("%Y-%m-%d %H:%M").to_string()
}
