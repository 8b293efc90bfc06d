//! Tokenizing and parsing of five-field cron expressions, with the position of
//! every problem. The parser checks everything itself (croner only ever sees
//! expressions that passed), so its messages can name the field, the character
//! and what was expected.

use super::error::SyntaxIssue;

/// Longest expression accepted, in characters.
pub const MAX_LENGTH: usize = 256;

/// The five fields, in order.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FieldKind {
    Minute,
    Hour,
    DayOfMonth,
    Month,
    DayOfWeek,
}

impl FieldKind {
    pub const ALL: [FieldKind; 5] =
        [Self::Minute, Self::Hour, Self::DayOfMonth, Self::Month, Self::DayOfWeek];

    /// The name used in errors and arrays (`day_of_month`).
    pub fn name(self) -> &'static str {
        match self {
            Self::Minute => "minute",
            Self::Hour => "hour",
            Self::DayOfMonth => "day_of_month",
            Self::Month => "month",
            Self::DayOfWeek => "day_of_week",
        }
    }

    /// The name used in prose (`day-of-month`).
    pub fn label(self) -> &'static str {
        match self {
            Self::Minute => "minute",
            Self::Hour => "hour",
            Self::DayOfMonth => "day-of-month",
            Self::Month => "month",
            Self::DayOfWeek => "day-of-week",
        }
    }

    pub fn min(self) -> u8 {
        match self {
            Self::Minute | Self::Hour | Self::DayOfWeek => 0,
            Self::DayOfMonth | Self::Month => 1,
        }
    }

    /// Largest value accepted (7 for the day of week, which is Sunday again).
    pub fn max(self) -> u8 {
        match self {
            Self::Minute => 59,
            Self::Hour => 23,
            Self::DayOfMonth => 31,
            Self::Month => 12,
            Self::DayOfWeek => 7,
        }
    }

    /// Upper bound of a step's range when it is not written (`*/n`, `a/n`):
    /// the week ends on Saturday.
    pub fn cycle_max(self) -> u8 {
        if self == Self::DayOfWeek { 6 } else { self.max() }
    }

    fn expected(self) -> &'static str {
        match self {
            Self::Minute => "a minute 0-59",
            Self::Hour => "an hour 0-23",
            Self::DayOfMonth => "a day of month 1-31, L, LW or nW",
            Self::Month => "a month 1-12 or JAN-DEC",
            Self::DayOfWeek => "a day of week 0-7 or SUN-SAT, nL or n#k",
        }
    }
}

/// How a stepped item was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StepForm {
    /// `*/n`
    Star,
    /// `a-b/n`
    Range,
    /// `a/n` (from a to the end of the field)
    From,
}

/// One element of a field's list.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Item {
    /// `*` (or `?` in a day field).
    Star,
    /// A single value.
    Value(u8),
    /// `a-b`.
    Range(u8, u8),
    /// `*/n`, `a-b/n`, `a/n`.
    Step { start: u8, end: u8, step: u8, form: StepForm },
    /// `L` in the day of month: the last day.
    Last,
    /// `LW`: the last weekday (Monday-Friday) of the month.
    LastWeekday,
    /// `15W`: the weekday nearest the given day, within the month.
    NearestWeekday(u8),
    /// `5L` in the day of week: the last such weekday of the month.
    LastOf(u8),
    /// `5#3`: the third Friday of the month.
    Nth(u8, u8),
}

impl Item {
    /// The values the item covers, for plain values, ranges and steps.
    pub fn plain_values(&self, kind: FieldKind) -> Vec<u8> {
        match *self {
            Item::Star => (kind.min()..=kind.cycle_max()).collect(),
            Item::Value(v) => vec![v],
            Item::Range(a, b) => (a..=b).collect(),
            Item::Step { start, end, step, .. } => {
                (start..=end).step_by(usize::from(step.max(1))).collect()
            }
            _ => Vec::new(),
        }
    }

    fn render(&self, out: &mut String) {
        use std::fmt::Write;
        let _ = match *self {
            Item::Star => write!(out, "*"),
            Item::Value(v) => write!(out, "{v}"),
            Item::Range(a, b) => write!(out, "{a}-{b}"),
            Item::Step { step, form: StepForm::Star, .. } => write!(out, "*/{step}"),
            Item::Step { start, end, step, .. } => write!(out, "{start}-{end}/{step}"),
            Item::Last => write!(out, "L"),
            Item::LastWeekday => write!(out, "LW"),
            Item::NearestWeekday(d) => write!(out, "{d}W"),
            Item::LastOf(d) => write!(out, "{d}L"),
            Item::Nth(d, n) => write!(out, "{d}#{n}"),
        };
    }
}

/// One parsed field.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub kind: FieldKind,
    pub items: Vec<Item>,
}

impl Field {
    /// `*` or `?`: the field does not restrict anything.
    pub fn is_star(&self) -> bool {
        self.items.len() == 1 && self.items[0] == Item::Star
    }

    /// True when some item is `*` or a step.
    pub fn has_star_or_step(&self) -> bool {
        self.items.iter().any(|i| matches!(i, Item::Star | Item::Step { .. }))
    }

    /// Bit set of the plain values (dow 7 folded onto 0).
    pub fn bits(&self) -> u64 {
        let mut bits = 0u64;
        for item in &self.items {
            for v in item.plain_values(self.kind) {
                let v = if self.kind == FieldKind::DayOfWeek && v == 7 { 0 } else { v };
                bits |= 1u64 << v;
            }
        }
        bits
    }

    fn render(&self, out: &mut String) {
        for (i, item) in self.items.iter().enumerate() {
            if i > 0 {
                out.push(',');
            }
            item.render(out);
        }
    }
}

/// A parsed expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// minute, hour, day of month, month, day of week.
    pub fields: [Field; 5],
    /// The `@` shortcut the expression was written as, if any.
    pub shortcut: Option<&'static str>,
}

impl Parsed {
    pub fn field(&self, kind: FieldKind) -> &Field {
        &self.fields[kind as usize]
    }

    /// Canonical text: numbers for names, `*` for `?`, `a-max/n` for `a/n`,
    /// shortcuts expanded, single spaces.
    pub fn normalized(&self) -> String {
        let mut out = String::with_capacity(32);
        for (i, field) in self.fields.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            field.render(&mut out);
        }
        out
    }
}

const SHORTCUTS: [(&str, &str); 7] = [
    ("@yearly", "0 0 1 1 *"),
    ("@annually", "0 0 1 1 *"),
    ("@monthly", "0 0 1 * *"),
    ("@weekly", "0 0 * * 0"),
    ("@daily", "0 0 * * *"),
    ("@midnight", "0 0 * * *"),
    ("@hourly", "0 * * * *"),
];

const MONTHS: [&str; 12] =
    ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
const DAYS: [&str; 7] = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

fn issue(code: &'static str, field: &'static str, position: usize, length: usize, message: String) -> SyntaxIssue {
    SyntaxIssue { code, field, position, length: length.max(1), message }
}

fn is_separator(c: char) -> bool {
    c == ' ' || c == '\t'
}

fn quote(c: char) -> String {
    if c.is_control() { format!("{:?}", c) } else { format!("'{c}'") }
}

/// Parses an expression. On failure, returns every issue found (at most one per field).
pub fn parse(expression: &str) -> Result<Parsed, Vec<SyntaxIssue>> {
    let chars: Vec<char> = expression.chars().take(MAX_LENGTH + 1).collect();
    if chars.len() > MAX_LENGTH {
        let total = expression.chars().count();
        return Err(vec![issue(
            "too_long",
            "expression",
            MAX_LENGTH,
            total - MAX_LENGTH,
            format!("the expression is {total} characters long; at most {MAX_LENGTH} are accepted"),
        )]);
    }

    // Split into fields, remembering where each one starts.
    let mut fields: Vec<(usize, usize)> = Vec::new(); // (start, end) in chars
    let mut i = 0;
    while i < chars.len() {
        if is_separator(chars[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && !is_separator(chars[i]) {
            i += 1;
        }
        fields.push((start, i));
    }

    if fields.is_empty() {
        return Err(vec![issue(
            "empty",
            "expression",
            0,
            1,
            "the expression is empty: expected five fields (minute hour day-of-month month day-of-week) or a shortcut such as @daily".to_owned(),
        )]);
    }

    if chars[fields[0].0] == '@' {
        return parse_shortcut(&chars, &fields);
    }

    if fields.len() != 5 {
        return Err(vec![field_count_issue(&chars, &fields)]);
    }

    let mut parsed = Vec::with_capacity(5);
    let mut issues = Vec::new();
    for (kind, &(start, end)) in FieldKind::ALL.iter().zip(&fields) {
        match parse_field(*kind, &chars[start..end], start) {
            Ok(field) => parsed.push(field),
            Err(err) => issues.push(err),
        }
    }
    if !issues.is_empty() {
        return Err(issues);
    }
    let fields: [Field; 5] = parsed.try_into().map_err(|_| Vec::new())?;
    Ok(Parsed { fields, shortcut: None })
}

fn field_count_issue(chars: &[char], fields: &[(usize, usize)]) -> SyntaxIssue {
    let n = fields.len();
    if n < 5 {
        let missing: Vec<&str> = FieldKind::ALL[n..].iter().map(|k| k.label()).collect();
        let position = fields.last().map_or(0, |f| f.1).min(chars.len());
        return issue(
            "field_count",
            FieldKind::ALL[n].name(),
            position,
            1,
            format!(
                "expected 5 fields (minute hour day-of-month month day-of-week), found {n}: missing the {} field{}",
                missing.join(", "),
                if missing.len() > 1 { "s" } else { "" }
            ),
        );
    }
    let (start, _) = fields[5];
    let end = fields[n - 1].1;
    issue(
        "field_count",
        "expression",
        start,
        end - start,
        format!(
            "expected 5 fields (minute hour day-of-month month day-of-week), found {n}: seconds and year fields are not supported, WordPress runs cron at most once a minute"
        ),
    )
}

fn parse_shortcut(chars: &[char], fields: &[(usize, usize)]) -> Result<Parsed, Vec<SyntaxIssue>> {
    let (start, end) = fields[0];
    let name: String = chars[start..end].iter().collect::<String>().to_ascii_lowercase();
    if fields.len() > 1 {
        let (s, _) = fields[1];
        let e = fields[fields.len() - 1].1;
        return Err(vec![issue(
            "unexpected_character",
            "expression",
            s,
            e - s,
            format!("unexpected text after the shortcut {name}: a shortcut stands alone"),
        )]);
    }
    if name == "@reboot" {
        return Err(vec![issue(
            "unsupported_shortcut",
            "expression",
            start,
            end - start,
            "@reboot is not supported: WordPress has no boot event; use an expression such as @hourly or @daily".to_owned(),
        )]);
    }
    let Some((shortcut, expansion)) = SHORTCUTS.iter().find(|(n, _)| *n == name) else {
        let known: Vec<&str> = SHORTCUTS.iter().map(|(n, _)| *n).collect();
        return Err(vec![issue(
            "unknown_shortcut",
            "expression",
            start,
            end - start,
            format!("unknown shortcut '{}': expected one of {}", chars[start..end].iter().collect::<String>(), known.join(", ")),
        )]);
    };
    let mut parsed = parse(expansion).map_err(|_| Vec::new())?;
    parsed.shortcut = Some(shortcut);
    Ok(parsed)
}

struct Cursor<'a> {
    kind: FieldKind,
    chars: &'a [char],
    base: usize,
    pos: usize,
    end: usize,
}

impl Cursor<'_> {
    fn peek(&self) -> Option<char> {
        (self.pos < self.end).then(|| self.chars[self.pos])
    }
    fn at(&self) -> usize {
        self.base + self.pos
    }
    fn err(&self, code: &'static str, position: usize, length: usize, message: String) -> SyntaxIssue {
        issue(code, self.kind.name(), position, length, message)
    }
    fn unexpected(&self, expected: &str) -> SyntaxIssue {
        match self.peek() {
            Some(c) => self.err(
                "unexpected_character",
                self.at(),
                1,
                format!(
                    "unexpected {} at position {} in the {} field: expected {expected}",
                    quote(c),
                    self.at(),
                    self.kind.label()
                ),
            ),
            None => self.err(
                "missing_value",
                self.at(),
                1,
                format!(
                    "the {} field ends too early at position {}: expected {expected}",
                    self.kind.label(),
                    self.at()
                ),
            ),
        }
    }

    /// A number (digits) or, in the month and day-of-week fields, a name.
    fn value(&mut self) -> Result<u8, SyntaxIssue> {
        let start = self.pos;
        match self.peek() {
            Some(c) if c.is_ascii_digit() => {
                while self.peek().is_some_and(|c| c.is_ascii_digit()) {
                    self.pos += 1;
                }
                let text: String = self.chars[start..self.pos].iter().collect();
                let value: Option<u32> = if text.len() > 6 { None } else { text.parse().ok() };
                match value {
                    Some(v) if v >= u32::from(self.kind.min()) && v <= u32::from(self.kind.max()) => Ok(v as u8),
                    _ => Err(self.err(
                        "out_of_range",
                        self.base + start,
                        self.pos - start,
                        format!(
                            "value {text} at position {} is out of range for the {} field: expected {}-{}",
                            self.base + start,
                            self.kind.label(),
                            self.kind.min(),
                            self.kind.max()
                        ),
                    )),
                }
            }
            Some(c) if c.is_ascii_alphabetic() && matches!(self.kind, FieldKind::Month | FieldKind::DayOfWeek) => {
                let take = (self.end - self.pos).min(3);
                let word: String = self.chars[self.pos..self.pos + take].iter().collect::<String>().to_ascii_uppercase();
                let names: &[&str] = if self.kind == FieldKind::Month { &MONTHS } else { &DAYS };
                if let Some(index) = names.iter().position(|n| *n == word) {
                    self.pos += 3;
                    // A name is a whole word: "MONDAY" is not "MON".
                    if self.peek().is_some_and(|c| c.is_ascii_alphabetic() && !(self.kind == FieldKind::DayOfWeek && c.eq_ignore_ascii_case(&'L') && self.pos + 1 == self.end)) {
                        let mut e = self.pos;
                        while e < self.end && self.chars[e].is_ascii_alphabetic() {
                            e += 1;
                        }
                        let full: String = self.chars[start..e].iter().collect();
                        return Err(self.err(
                            "invalid_name",
                            self.base + start,
                            e - start,
                            format!(
                                "unknown name '{full}' at position {} in the {} field: expected a three-letter name ({})",
                                self.base + start,
                                self.kind.label(),
                                names.join(", ")
                            ),
                        ));
                    }
                    let offset = if self.kind == FieldKind::Month { 1 } else { 0 };
                    Ok(index as u8 + offset)
                } else {
                    let mut e = self.pos;
                    while e < self.end && self.chars[e].is_ascii_alphabetic() {
                        e += 1;
                    }
                    let full: String = self.chars[start..e].iter().collect();
                    Err(self.err(
                        "invalid_name",
                        self.base + start,
                        e - start,
                        format!(
                            "unknown name '{full}' at position {} in the {} field: expected {} or a three-letter name ({})",
                            self.base + start,
                            self.kind.label(),
                            self.kind.expected(),
                            names.join(", ")
                        ),
                    ))
                }
            }
            _ => Err(self.unexpected(self.kind.expected())),
        }
    }

    fn step(&mut self, span: u8) -> Result<u8, SyntaxIssue> {
        let start = self.pos;
        if !self.peek().is_some_and(|c| c.is_ascii_digit()) {
            return Err(self.unexpected("a step (a number) after '/'"));
        }
        while self.peek().is_some_and(|c| c.is_ascii_digit()) {
            self.pos += 1;
        }
        let text: String = self.chars[start..self.pos].iter().collect();
        let value: Option<u32> = if text.len() > 6 { None } else { text.parse().ok() };
        match value {
            Some(0) => Err(self.err(
                "zero_step",
                self.base + start,
                self.pos - start,
                format!("step 0 at position {} in the {} field: a step must be at least 1", self.base + start, self.kind.label()),
            )),
            Some(v) if v <= u32::from(span) => Ok(v as u8),
            _ => Err(self.err(
                "step_too_large",
                self.base + start,
                self.pos - start,
                format!(
                    "step {text} at position {} is too large for the {} field: expected 1-{span}",
                    self.base + start,
                    self.kind.label()
                ),
            )),
        }
    }
}

fn parse_field(kind: FieldKind, chars: &[char], base: usize) -> Result<Field, SyntaxIssue> {
    let is_day = matches!(kind, FieldKind::DayOfMonth | FieldKind::DayOfWeek);
    if chars == ['?'] {
        if is_day {
            return Ok(Field { kind, items: vec![Item::Star] });
        }
    }
    if let Some(q) = chars.iter().position(|c| *c == '?') {
        let message = if is_day {
            format!("'?' at position {} must stand alone in the {} field", base + q, kind.label())
        } else {
            format!("'?' at position {} is only allowed in the day-of-month and day-of-week fields", base + q)
        };
        return Err(issue("misplaced_question_mark", kind.name(), base + q, 1, message));
    }

    let mut items = Vec::new();
    let mut start = 0;
    loop {
        let end = chars[start..].iter().position(|c| *c == ',').map_or(chars.len(), |p| start + p);
        if end == start {
            let message = format!(
                "empty list element at position {} in the {} field: expected {} between commas",
                base + start,
                kind.label(),
                kind.expected()
            );
            return Err(issue("empty_element", kind.name(), base + start, 1, message));
        }
        items.push(parse_item(kind, chars, base, start, end)?);
        if end == chars.len() {
            break;
        }
        start = end + 1;
        if start == chars.len() {
            let message = format!(
                "empty list element at the end of the {} field (position {}): remove the trailing comma",
                kind.label(),
                base + end
            );
            return Err(issue("empty_element", kind.name(), base + end, 1, message));
        }
    }
    Ok(Field { kind, items })
}

fn parse_item(kind: FieldKind, chars: &[char], base: usize, start: usize, end: usize) -> Result<Item, SyntaxIssue> {
    let mut c = Cursor { kind, chars, base, pos: start, end };
    let span = kind.cycle_max() - kind.min() + 1;
    let upper = |i: usize| chars.get(i).map(|c| c.to_ascii_uppercase());

    if c.peek() == Some('*') {
        c.pos += 1;
        let item = match c.peek() {
            None => Item::Star,
            Some('/') => {
                c.pos += 1;
                let step = c.step(span)?;
                Item::Step { start: kind.min(), end: kind.cycle_max(), step, form: StepForm::Star }
            }
            Some(_) => return Err(c.unexpected("'/' and a step after '*', or ',' before the next element")),
        };
        return finish(&c, item);
    }

    if kind == FieldKind::DayOfMonth && upper(start) == Some('L') {
        c.pos += 1;
        let item = if c.peek().map(|x| x.to_ascii_uppercase()) == Some('W') {
            c.pos += 1;
            Item::LastWeekday
        } else {
            Item::Last
        };
        return finish(&c, item);
    }

    let value_start = c.pos;
    let first = c.value()?;
    let item = match c.peek() {
        None => Item::Value(first),
        Some('-') => {
            c.pos += 1;
            let second_at = c.pos;
            let mut second = c.value()?;
            // SUN closing a range is the 7 that ends the week (SAT-SUN = 6-7).
            if kind == FieldKind::DayOfWeek && second == 0 && chars[second_at].is_ascii_alphabetic() {
                second = 7;
            }
            if second < first {
                let length = c.pos - value_start;
                return Err(c.err(
                    "reversed_range",
                    base + value_start,
                    length,
                    format!(
                        "reversed range {first}-{second} at position {} in the {} field: ranges never wrap around, write {second}-{first} or split it into a list",
                        base + value_start,
                        kind.label()
                    ),
                ));
            }
            if c.peek() == Some('/') {
                c.pos += 1;
                let step = c.step(span)?;
                Item::Step { start: first, end: second, step, form: StepForm::Range }
            } else {
                Item::Range(first, second)
            }
        }
        Some('/') => {
            c.pos += 1;
            let step = c.step(span)?;
            let end = kind.cycle_max().max(first);
            Item::Step { start: first, end, step, form: StepForm::From }
        }
        Some(x) if kind == FieldKind::DayOfMonth && x.eq_ignore_ascii_case(&'W') => {
            c.pos += 1;
            Item::NearestWeekday(first)
        }
        Some(x) if kind == FieldKind::DayOfWeek && x.eq_ignore_ascii_case(&'L') => {
            c.pos += 1;
            Item::LastOf(first)
        }
        Some('#') if kind == FieldKind::DayOfWeek => {
            c.pos += 1;
            let n_start = c.pos;
            if !c.peek().is_some_and(|x| x.is_ascii_digit()) {
                return Err(c.unexpected("an occurrence 1-5 after '#'"));
            }
            while c.peek().is_some_and(|x| x.is_ascii_digit()) {
                c.pos += 1;
            }
            let text: String = chars[n_start..c.pos].iter().collect();
            match text.parse::<u8>() {
                Ok(n) if (1..=5).contains(&n) => Item::Nth(first, n),
                _ => {
                    return Err(c.err(
                        "out_of_range",
                        base + n_start,
                        c.pos - n_start,
                        format!(
                            "occurrence #{text} at position {} is out of range: expected #1 to #5",
                            base + n_start
                        ),
                    ))
                }
            }
        }
        Some(_) => {
            let expected = match kind {
                FieldKind::DayOfMonth => "'-', '/', 'W', or ',' before the next element",
                FieldKind::DayOfWeek => "'-', '/', 'L', '#', or ',' before the next element",
                _ => "'-', '/', or ',' before the next element",
            };
            return Err(c.unexpected(expected));
        }
    };
    finish(&c, item)
}

fn finish(c: &Cursor<'_>, item: Item) -> Result<Item, SyntaxIssue> {
    if c.peek().is_some() {
        return Err(c.unexpected("',' before the next element or a space before the next field"));
    }
    Ok(item)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(expr: &str) -> SyntaxIssue {
        parse(expr).unwrap_err().remove(0)
    }

    #[test]
    fn normalizes_names_and_shapes() {
        let p = parse("0/15 9-17 ? jan,Mar mon-FRI").unwrap();
        assert_eq!(p.normalized(), "0-59/15 9-17 * 1,3 1-5");
        assert_eq!(parse("@Weekly").unwrap().normalized(), "0 0 * * 0");
        assert_eq!(parse("0 0 L,LW,15W * 5L,5#3").unwrap().normalized(), "0 0 L,LW,15W * 5L,5#3");
    }

    #[test]
    fn positions_point_at_the_problem() {
        let e = first("0 0 * * 5-1");
        assert_eq!((e.code, e.field, e.position, e.length), ("reversed_range", "day_of_week", 8, 3));
        let e = first("61 0 * * *");
        assert_eq!((e.code, e.field, e.position), ("out_of_range", "minute", 0));
        let e = first("*/0 * * * *");
        assert_eq!((e.code, e.position), ("zero_step", 2));
        let e = first("1,,2 * * * *");
        assert_eq!((e.code, e.position), ("empty_element", 2));
        let e = first("0 0 * * * *");
        assert_eq!((e.code, e.field, e.position), ("field_count", "expression", 10));
    }
}
