use jlg_native_core::cron::*;
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let expr = &args[1];
    let tz = args.get(2).map(String::as_str).unwrap_or("UTC");
    let from: i64 = args.get(3).map(|s| s.parse().unwrap()).unwrap_or(1_767_225_600);
    match CronExpression::new(expr, tz) {
        Ok(c) => {
            println!("normalized {}", c.normalized());
            println!("en: {}", c.describe("en").unwrap());
            println!("fr: {}", c.describe("fr").unwrap());
            for r in c.next_run_details(8, from).unwrap() { println!("  {} {} {:?}", r.at, zone::Zone::parse(tz).unwrap().iso(r.at), r.kind); }
            println!("prev {:?}", c.previous_run(from));
            println!("lint {:?}", c.lint(&LintOptions::default(), from).unwrap());
        }
        Err(e) => println!("error {e} {:?}", e.issues()),
    }
}
