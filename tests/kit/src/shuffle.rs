//! Text objects drawn in another order without changing the print: the
//! content is read as nested items (`q … Q` groups, `BT … ET` objects,
//! single operators); at every level, a run of text units (text objects,
//! and groups that only draw text) between the same other operators is
//! permuted, each unit preceded by the text state and colours it was drawn
//! with and the run followed by the state it left.

use lopdf::content::Operation;
use lopdf::Object;

enum Item {
    Op(Operation),
    /// `q … Q`, without the q and the Q.
    Group(Vec<Item>),
    /// `BT … ET`, both included.
    Text(Vec<Operation>),
}

/// Operators that change the text state or the colour (kept per unit).
const STATE: &[&str] = &["Tf", "Tc", "Tw", "Tz", "TL", "Ts", "Tr", "g", "G", "rg", "RG", "k", "K", "cs", "CS", "sc", "scn", "SC", "SCN"];
/// Operators that paint something other than text.
const PAINT: &[&str] = &["f", "F", "f*", "S", "s", "B", "B*", "b", "b*", "sh", "Do", "BI", "EI"];

/// `ops` with its runs of text units shuffled by a generator seeded with
/// `seed`, and how many runs of two units or more were shuffled.
pub fn shuffle(ops: Vec<Operation>, seed: u64) -> (Vec<Operation>, usize) {
    let mut it = ops.into_iter();
    let items = parse(&mut it, false);
    let mut out = Vec::new();
    let mut rng = Rng(seed.max(1));
    let mut runs = 0;
    emit(items, &mut State::default(), &mut rng, &mut out, &mut runs);
    (out, runs)
}

fn parse(it: &mut impl Iterator<Item = Operation>, in_group: bool) -> Vec<Item> {
    let mut items = Vec::new();
    while let Some(op) = it.next() {
        match op.operator.as_str() {
            "q" => items.push(Item::Group(parse(it, true))),
            "Q" if in_group => return items,
            "BT" => {
                let mut t = vec![op];
                for o in it.by_ref() {
                    let end = o.operator == "ET";
                    t.push(o);
                    if end {
                        break;
                    }
                }
                items.push(Item::Text(t));
            }
            _ => items.push(Item::Op(op)),
        }
    }
    items
}

/// A text object, or a group that draws text and nothing else.
fn is_text_unit(item: &Item) -> bool {
    fn only_text(items: &[Item]) -> bool {
        items.iter().all(|i| match i {
            Item::Op(op) => !PAINT.contains(&op.operator.as_str()),
            Item::Group(g) => only_text(g),
            Item::Text(_) => true,
        })
    }
    fn has_text(items: &[Item]) -> bool {
        items.iter().any(|i| matches!(i, Item::Text(_)) || matches!(i, Item::Group(g) if has_text(g)))
    }
    match item {
        Item::Text(_) => true,
        Item::Group(g) => has_text(g) && only_text(g),
        Item::Op(_) => false,
    }
}

fn is_state(item: &Item) -> bool {
    matches!(item, Item::Op(op) if STATE.contains(&op.operator.as_str()))
}

fn emit(items: Vec<Item>, st: &mut State, rng: &mut Rng, out: &mut Vec<Operation>, runs: &mut usize) {
    let mut run: Vec<(Vec<Operation>, Item, State)> = Vec::new();
    let mut absorbed = false;
    for item in items {
        if is_text_unit(&item) {
            let before = st.clone();
            if let Item::Text(t) = &item {
                t.iter().for_each(|op| st.apply(op));
            }
            run.push((before.ops(), item, before));
        } else if is_state(&item) {
            if let Item::Op(op) = &item {
                st.apply(op);
            }
            absorbed = true;
        } else {
            flush(&mut run, std::mem::take(&mut absorbed), st, rng, out, runs);
            emit_one(item, st, rng, out, runs);
        }
    }
    flush(&mut run, absorbed, st, rng, out, runs);
}

fn emit_one(item: Item, st: &mut State, rng: &mut Rng, out: &mut Vec<Operation>, runs: &mut usize) {
    match item {
        Item::Op(op) => {
            st.apply(&op);
            out.push(op);
        }
        Item::Text(t) => {
            t.iter().for_each(|op| st.apply(op));
            out.extend(t);
        }
        Item::Group(g) => {
            out.push(Operation::new("q", vec![]));
            emit(g, &mut st.clone(), rng, out, runs);
            out.push(Operation::new("Q", vec![]));
        }
    }
}

/// Write a run of units in a shuffled order, each after the state it was
/// drawn in, then the state the run left (also after state operators
/// alone, `absorbed` from the output).
fn flush(run: &mut Vec<(Vec<Operation>, Item, State)>, absorbed: bool, st: &State, rng: &mut Rng, out: &mut Vec<Operation>, runs: &mut usize) {
    if run.is_empty() {
        if absorbed {
            out.extend(st.ops());
        }
        return;
    }
    if run.len() > 1 {
        *runs += 1;
    }
    let mut units = std::mem::take(run);
    for i in (1..units.len()).rev() {
        units.swap(i, rng.below(i + 1));
    }
    for (prefix, item, mut before) in units {
        out.extend(prefix);
        emit_one(item, &mut before, rng, out, runs);
    }
    out.extend(st.ops());
}

/// The text state and colours in force.
#[derive(Clone, Default)]
struct State {
    text: Vec<(String, Vec<Object>)>,
    fill: Vec<Operation>,
    stroke: Vec<Operation>,
}

impl State {
    fn apply(&mut self, op: &Operation) {
        let name = op.operator.as_str();
        match name {
            "Tf" | "Tc" | "Tw" | "Tz" | "TL" | "Ts" | "Tr" => self.set_text(name, op.operands.clone()),
            "\"" if op.operands.len() == 3 => {
                self.set_text("Tw", vec![op.operands[0].clone()]);
                self.set_text("Tc", vec![op.operands[1].clone()]);
            }
            "g" | "rg" | "k" | "cs" => self.fill = vec![op.clone()],
            "G" | "RG" | "K" | "CS" => self.stroke = vec![op.clone()],
            "sc" | "scn" => {
                self.fill.truncate(1);
                self.fill.push(op.clone());
            }
            "SC" | "SCN" => {
                self.stroke.truncate(1);
                self.stroke.push(op.clone());
            }
            _ => {}
        }
    }

    fn set_text(&mut self, name: &str, operands: Vec<Object>) {
        match self.text.iter_mut().find(|(n, _)| n == name) {
            Some(e) => e.1 = operands,
            None => self.text.push((name.to_string(), operands)),
        }
    }

    /// Operators that set this state from any other.
    fn ops(&self) -> Vec<Operation> {
        let defaults: [(&str, Object); 6] =
            [("Tc", 0.into()), ("Tw", 0.into()), ("Tz", 100.into()), ("TL", 0.into()), ("Ts", 0.into()), ("Tr", 0.into())];
        let mut out: Vec<Operation> = self.text.iter().filter(|(n, _)| n == "Tf").map(|(n, v)| Operation::new(n, v.clone())).collect();
        for (n, d) in defaults {
            let v = self.text.iter().find(|(m, _)| m == n).map(|e| e.1.clone()).unwrap_or_else(|| vec![d]);
            out.push(Operation::new(n, v));
        }
        let gray = |op: &str| vec![Operation::new(op, vec![0.into()])];
        out.extend(if self.fill.is_empty() { gray("g") } else { self.fill.clone() });
        out.extend(if self.stroke.is_empty() { gray("G") } else { self.stroke.clone() });
        out
    }
}

/// xorshift64: a small deterministic generator.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}
