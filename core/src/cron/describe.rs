//! Descriptions of an expression in English and French.

use super::error::CronError;
use super::syntax::{Field, FieldKind, Item, Parsed, StepForm};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    pub fn parse(locale: &str) -> Result<Self, CronError> {
        let lower = locale.trim().to_ascii_lowercase();
        let primary = lower.split(['_', '-']).next().unwrap_or("");
        match primary {
            "en" => Ok(Self::En),
            "fr" => Ok(Self::Fr),
            _ => Err(CronError::argument(
                "locale",
                format!("unsupported locale '{}': expected 'en' or 'fr'", locale.chars().take(32).collect::<String>()),
            )),
        }
    }
}

const DAYS_EN: [&str; 7] = ["Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"];
const DAYS_FR: [&str; 7] = ["dimanche", "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi"];
const MONTHS_EN: [&str; 12] = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November",
    "December",
];
const MONTHS_FR: [&str; 12] = [
    "janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre", "octobre", "novembre",
    "décembre",
];

fn join(items: &[String], lang: Lang) -> String {
    let and = if lang == Lang::En { " and " } else { " et " };
    match items.len() {
        0 => String::new(),
        1 => items[0].clone(),
        n => format!("{}{and}{}", items[..n - 1].join(", "), items[n - 1]),
    }
}

fn ordinal(n: u8, lang: Lang) -> &'static str {
    let i = usize::from(n.clamp(1, 5) - 1);
    match lang {
        Lang::En => ["first", "second", "third", "fourth", "fifth"][i],
        Lang::Fr => ["premier", "deuxième", "troisième", "quatrième", "cinquième"][i],
    }
}

fn nth_en(n: u8) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, x) if x != 11 => "st",
        (2, x) if x != 12 => "nd",
        (3, x) if x != 13 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn day_fr(d: u8) -> String {
    if d == 1 { "1er".to_owned() } else { d.to_string() }
}

fn dow_name(d: u8, lang: Lang) -> &'static str {
    let i = usize::from(d % 7);
    if lang == Lang::En { DAYS_EN[i] } else { DAYS_FR[i] }
}

fn month_name(m: u8, lang: Lang) -> &'static str {
    let i = usize::from(m.clamp(1, 12) - 1);
    if lang == Lang::En { MONTHS_EN[i] } else { MONTHS_FR[i] }
}

fn plain_values(field: &Field) -> Vec<u8> {
    let mut values: Vec<u8> = field.items.iter().flat_map(|i| i.plain_values(field.kind)).collect();
    if field.kind == FieldKind::DayOfWeek {
        for v in &mut values {
            *v %= 7;
        }
    }
    values.sort_unstable();
    values.dedup();
    values
}

fn only_values(field: &Field) -> bool {
    field.items.iter().all(|i| matches!(i, Item::Value(_)))
}

/// "At 03:00", "Every 5 minutes past hour 3", ...
fn time_phrase(p: &Parsed, lang: Lang) -> String {
    let minute = p.field(FieldKind::Minute);
    let hour = p.field(FieldKind::Hour);
    let en = lang == Lang::En;
    if only_values(minute) && only_values(hour) {
        let (ms, hs) = (plain_values(minute), plain_values(hour));
        if ms.len() * hs.len() <= 12 {
            let mut times = Vec::new();
            for h in &hs {
                for m in &ms {
                    times.push(format!("{h:02}:{m:02}"));
                }
            }
            return format!("{} {}", if en { "At" } else { "À" }, join(&times, lang));
        }
    }
    if hour.is_star() && minute.items.len() == 1 {
        if let Item::Value(m) = minute.items[0] {
            return if en {
                format!("At minute {m} of every hour")
            } else {
                format!("À la minute {m} de chaque heure")
            };
        }
    }
    let m = minute_phrase(minute, lang);
    let h = hour_phrase(hour, lang);
    if h.is_empty() { m } else { format!("{m} {h}") }
}

fn minute_phrase(field: &Field, lang: Lang) -> String {
    let en = lang == Lang::En;
    if field.items.len() == 1 {
        match field.items[0] {
            Item::Star => return (if en { "Every minute" } else { "Toutes les minutes" }).to_owned(),
            Item::Value(m) => return if en { format!("At minute {m}") } else { format!("À la minute {m}") },
            Item::Range(a, b) => {
                return if en {
                    format!("Every minute from {a} through {b}")
                } else {
                    format!("Toutes les minutes de {a} à {b}")
                }
            }
            Item::Step { start, end, step, form } => {
                let every = if en { format!("Every {step} minutes") } else { format!("Toutes les {step} minutes") };
                return match form {
                    StepForm::Star => every,
                    StepForm::Range => {
                        if en { format!("{every} from minute {start} through {end}") } else { format!("{every} de la minute {start} à {end}") }
                    }
                    StepForm::From => {
                        if en { format!("{every} starting at minute {start}") } else { format!("{every} à partir de la minute {start}") }
                    }
                };
            }
            _ => {}
        }
    }
    let values: Vec<String> = plain_values(field).iter().map(u8::to_string).collect();
    if en { format!("At minutes {}", join(&values, lang)) } else { format!("Aux minutes {}", join(&values, lang)) }
}

fn hour_phrase(field: &Field, lang: Lang) -> String {
    let en = lang == Lang::En;
    if field.items.len() == 1 {
        match field.items[0] {
            Item::Star => return String::new(),
            Item::Value(h) => return if en { format!("past hour {h}") } else { format!("de l'heure {h}") },
            Item::Range(a, b) => {
                return if en { format!("past every hour from {a} through {b}") } else { format!("de chaque heure de {a} à {b}") }
            }
            Item::Step { start, end, step, form } => {
                let every = if en { format!("past every {} hour", nth_en(step)) } else { format!("toutes les {step} heures") };
                return match form {
                    StepForm::Star => every,
                    StepForm::Range => {
                        if en { format!("{every} from {start} through {end}") } else { format!("{every} de {start} h à {end} h") }
                    }
                    StepForm::From => {
                        if en { format!("{every} starting at hour {start}") } else { format!("{every} à partir de {start} h") }
                    }
                };
            }
            _ => {}
        }
    }
    let values: Vec<String> = plain_values(field).iter().map(u8::to_string).collect();
    if en { format!("past hours {}", join(&values, lang)) } else { format!("des heures {}", join(&values, lang)) }
}

fn dom_phrase(field: &Field, lang: Lang) -> String {
    let en = lang == Lang::En;
    let mut values: Vec<u8> = Vec::new();
    let mut parts: Vec<String> = Vec::new();
    for item in &field.items {
        match *item {
            Item::Value(d) => values.push(d),
            Item::Range(a, b) => parts.push(if en {
                format!("on days {a} through {b} of the month")
            } else {
                format!("du {} au {} du mois", day_fr(a), b)
            }),
            Item::Step { start, end, step, form } => parts.push(match (form, en) {
                (StepForm::Star, true) => format!("on every {} day of the month", nth_en(step)),
                (StepForm::Star, false) => format!("tous les {step} jours du mois"),
                (StepForm::Range, true) => format!("on every {} day from day {start} through {end} of the month", nth_en(step)),
                (StepForm::Range, false) => format!("tous les {step} jours du {} au {} du mois", day_fr(start), end),
                (StepForm::From, true) => format!("on every {} day from day {start} of the month", nth_en(step)),
                (StepForm::From, false) => format!("tous les {step} jours à partir du {} du mois", day_fr(start)),
            }),
            Item::Last => parts.push((if en { "on the last day of the month" } else { "le dernier jour du mois" }).to_owned()),
            Item::LastWeekday => parts.push(
                (if en { "on the last weekday of the month" } else { "le dernier jour ouvré du mois" }).to_owned(),
            ),
            Item::NearestWeekday(d) => parts.push(if en {
                format!("on the weekday nearest day {d} of the month")
            } else {
                format!("le jour ouvré le plus proche du {} du mois", day_fr(d))
            }),
            Item::Star | Item::LastOf(_) | Item::Nth(_, _) => {}
        }
    }
    if !values.is_empty() {
        values.sort_unstable();
        values.dedup();
        let phrase = if en {
            let list: Vec<String> = values.iter().map(u8::to_string).collect();
            format!("on day{} {} of the month", if values.len() > 1 { "s" } else { "" }, join(&list, lang))
        } else {
            let list: Vec<String> = values.iter().map(|d| day_fr(*d)).collect();
            format!("{} {} du mois", if values.len() > 1 { "les" } else { "le" }, join(&list, lang))
        };
        parts.insert(0, phrase);
    }
    join(&parts, lang)
}

fn dow_phrase(field: &Field, lang: Lang) -> String {
    let en = lang == Lang::En;
    let mut values: Vec<u8> = Vec::new();
    let mut parts: Vec<String> = Vec::new();
    for item in &field.items {
        match *item {
            Item::Range(a, b) if field.items.len() == 1 => parts.push(if en {
                format!("on {} through {}", dow_name(a, lang), dow_name(b, lang))
            } else {
                format!("du {} au {}", dow_name(a, lang), dow_name(b, lang))
            }),
            Item::Value(_) | Item::Range(_, _) | Item::Step { .. } => {
                values.extend(item.plain_values(FieldKind::DayOfWeek).into_iter().map(|v| v % 7));
            }
            Item::LastOf(d) => parts.push(if en {
                format!("on the last {} of the month", dow_name(d, lang))
            } else {
                format!("le dernier {} du mois", dow_name(d, lang))
            }),
            Item::Nth(d, n) => parts.push(if en {
                format!("on the {} {} of the month", ordinal(n, lang), dow_name(d, lang))
            } else {
                format!("le {} {} du mois", ordinal(n, lang), dow_name(d, lang))
            }),
            Item::Star | Item::Last | Item::LastWeekday | Item::NearestWeekday(_) => {}
        }
    }
    if !values.is_empty() {
        // Monday first, Sunday last, as a week is read.
        values.sort_unstable_by_key(|d| (d + 6) % 7);
        values.dedup();
        let names: Vec<String> = values.iter().map(|d| {
            if en { dow_name(*d, lang).to_owned() } else { format!("le {}", dow_name(*d, lang)) }
        }).collect();
        let phrase = if en { format!("on {}", join(&names, lang)) } else { join(&names, lang) };
        parts.insert(0, phrase);
    }
    join(&parts, lang)
}

fn month_phrase(field: &Field, lang: Lang) -> String {
    let en = lang == Lang::En;
    if field.is_star() {
        return String::new();
    }
    if let [Item::Range(a, b)] = field.items[..] {
        return if en {
            format!("from {} through {}", month_name(a, lang), month_name(b, lang))
        } else {
            format!("de {} à {}", month_name(a, lang), month_name(b, lang))
        };
    }
    let names: Vec<String> = plain_values(field).iter().map(|m| month_name(*m, lang).to_owned()).collect();
    if en { format!("in {}", join(&names, lang)) } else { format!("en {}", join(&names, lang)) }
}

/// One sentence for the whole expression.
pub fn describe(p: &Parsed, lang: Lang) -> String {
    let en = lang == Lang::En;
    let time = time_phrase(p, lang);
    let dom = p.field(FieldKind::DayOfMonth);
    let dow = p.field(FieldKind::DayOfWeek);
    let days = match (dom.is_star(), dow.is_star()) {
        (true, true) => (if en { "every day" } else { "tous les jours" }).to_owned(),
        (false, true) => dom_phrase(dom, lang),
        (true, false) => dow_phrase(dow, lang),
        (false, false) => format!(
            "{} {} {}",
            dom_phrase(dom, lang),
            if en { "or" } else { "ou" },
            dow_phrase(dow, lang)
        ),
    };
    let month = month_phrase(p.field(FieldKind::Month), lang);
    if month.is_empty() {
        format!("{time}, {days}")
    } else {
        format!("{time}, {days} {month}")
    }
}
