//! `tierlens`: the command-line tool over the same core as the page.
//!
//! `tierlens analyze FILE [--json]` prints the figures the page shows;
//! `tierlens sample` writes the demo transaction log. Exit codes: 0 when an
//! analysis was produced, 2 when the input could not be used (one line on
//! stderr saying why), as `CONTRACT.md` fixes them.

#[cfg(not(target_arch = "wasm32"))]
fn main() -> std::process::ExitCode {
    cli::main()
}

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod cli {
    use clap::{Parser, Subcommand};
    use std::io::Write;
    use std::path::PathBuf;
    use std::process::ExitCode;
    use std::time::Instant;
    use tierlens::analysis::Analysis;
    use tierlens::clv::model::ModelKind;
    use tierlens::clv::value::{ChurnRisk, ClvSettings, TimeUnit};
    use tierlens::customer_table::{self, Query, SortKey};
    use tierlens::day::Day;
    use tierlens::engine::{self, ReadOptions, Request};
    use tierlens::ingest::status::StatusChoice;
    use tierlens::ingest::values::{DateOrder, NumberStyle};
    use tierlens::ingest::{IngestError, InputReport};
    use tierlens::lifecycle::LifecycleSettings;
    use tierlens::lifecycle::Stage;
    use tierlens::loyalty::LoyaltyAxis;
    use tierlens::printable::printable;
    use tierlens::profit::WhatIfSettings;
    use tierlens::retention::Period;
    use tierlens::rfm::{self, MonetaryBasis, Segment};
    use tierlens::sample;
    use tierlens::settings::{self, Field, Filter, Settings, SettingsError};
    use tierlens::tiers::Tier;
    use tierlens::tiers::TierRule;

    #[derive(Parser)]
    #[command(
        name = "tierlens",
        version,
        about = "Which customers carry the business: Pareto, ABC tiers and concentration from a transaction export."
    )]
    struct Cli {
        #[command(subcommand)]
        command: Command,
    }

    #[derive(Subcommand)]
    // One value, parsed once: its size does not matter.
    #[allow(clippy::large_enum_variant)]
    enum Command {
        /// Analyse a transaction log (CSV, TSV; UTF-8, UTF-16 or GBK).
        #[command(name = "analyze")]
        Analyse {
            file: PathBuf,
            /// Print one JSON object (the keys of CONTRACT.md) instead of a report.
            #[arg(long)]
            json: bool,
            #[command(flatten)]
            reading: Reading,
            /// Write every customer with tier, types and quadrant to this CSV file.
            #[arg(long, value_name = "FILE")]
            customers: Option<PathBuf>,
            /// Write every rejected row, with line, column and reason, to this CSV file.
            #[arg(long, value_name = "FILE")]
            rejected: Option<PathBuf>,
            /// Write who to call (valuable customers at risk) to this CSV file.
            #[arg(long, value_name = "FILE")]
            call_list: Option<PathBuf>,
            /// Only this account manager's customers in --call-list.
            #[arg(long, value_name = "NAME")]
            manager: Option<String>,
            /// Write every customer (the --customers columns) and who to
            /// call as an Excel workbook to this file.
            #[arg(long, value_name = "FILE")]
            customers_xlsx: Option<PathBuf>,
            /// The workbook's language (headers and sheet names): en or zh.
            #[arg(long, value_name = "en|zh", default_value = "en", value_parser = parse_lang)]
            lang: tierlens::format::Locale,
            #[command(flatten)]
            master: MasterArgs,
        },
        /// List customers as the page's customer table does: sorted,
        /// searched and filtered, one page at a time, or one customer's card.
        Customers {
            file: PathBuf,
            /// Print JSON: {customers, matches, offset, rows} (or the card).
            #[arg(long)]
            json: bool,
            #[command(flatten)]
            reading: Reading,
            /// Sort by: rank, id, name, tier, revenue, profit, transactions,
            /// purchase_days, first_purchase, last_purchase, rfm, segment,
            /// stage, p_alive, expected_purchases, clv, p_purchase_90d,
            /// expected_next_purchase or churn_risk.
            #[arg(long, default_value = "rank", value_parser = SortKey::parse)]
            sort: SortKey,
            /// Largest (or last) first.
            #[arg(long)]
            desc: bool,
            /// Keep customers whose id or name contains this text (any case).
            #[arg(long, default_value = "")]
            search: String,
            /// Keep one tier: A, B or C.
            #[arg(long, value_parser = Tier::parse)]
            tier: Option<Tier>,
            /// Keep one RFM segment (champions, loyal_customers, ...).
            #[arg(long, value_parser = Segment::parse)]
            segment: Option<Segment>,
            /// Keep one lifecycle stage: new, reactivated, active, dormant or lost.
            #[arg(long, value_parser = Stage::parse)]
            stage: Option<Stage>,
            /// Keep one churn risk: low, medium or high.
            #[arg(long, value_parser = ChurnRisk::parse)]
            churn_risk: Option<ChurnRisk>,
            /// Keep one movement between the compared periods: FROM>TO, each
            /// A, B, C or none (A>B, none>A, B>none; new and lost also read).
            #[arg(long, value_name = "FROM>TO", value_parser = tierlens::compare::Movement::parse)]
            movement: Option<tierlens::compare::Movement>,
            /// Keep customers whose DIMENSION is VALUE (the analysis itself
            /// still covers everyone; --filter narrows the analysis).
            #[arg(long, value_name = "DIMENSION=VALUE", value_parser = Filter::parse)]
            dimension: Option<Filter>,
            #[arg(long, default_value_t = 0)]
            offset: usize,
            #[arg(long, default_value_t = 50)]
            limit: usize,
            /// Print this customer's card (timeline, scores, CLV) instead.
            #[arg(long, value_name = "ID")]
            card: Option<String>,
        },
        /// Write a realistic B2B key-account transaction log.
        Sample {
            #[arg(long, default_value_t = 3000)]
            customers: usize,
            #[arg(long, default_value_t = 7)]
            seed: u64,
            /// Output file; standard output when absent.
            #[arg(long)]
            out: Option<PathBuf>,
            /// Also write a matching customer master (one row per customer,
            /// with an annual potential) to this file.
            #[arg(long, value_name = "FILE")]
            master_out: Option<PathBuf>,
        },
    }

    /// A customer master beside the log: one row per customer, keyed by
    /// the log's customer id, giving dimensions and the annual potential.
    #[derive(clap::Args)]
    struct MasterArgs {
        /// The customer master (CSV, TSV or a workbook).
        #[arg(long, value_name = "FILE")]
        master: Option<PathBuf>,
        /// Read this sheet of the master's workbook.
        #[arg(long, value_name = "SHEET", requires = "master")]
        master_sheet: Option<String>,
        /// Read the master with this encoding (default: detected).
        #[arg(long, value_name = "NAME", requires = "master")]
        master_encoding: Option<String>,
        /// Use the master's column HEADER for ROLE (customer, potential,
        /// industry, region, account_manager, customer_name); repeatable.
        #[arg(long, value_name = "ROLE=HEADER", value_parser = ReadOptions::parse_mapping, requires = "master")]
        master_map: Vec<(String, String)>,
        /// Months of revenue set against the annual potential.
        #[arg(long, default_value_t = 12)]
        share_months: u32,
    }

    /// How to read the file and what to compute: shared by `analyze` and
    /// `customers`, so a customer list is of the very analysis printed.
    #[derive(clap::Args)]
    struct Reading {
        /// Analyse as of this day (YYYY-MM-DD); default: the last transaction date.
        #[arg(long, value_parser = |t: &str| settings::day(Field::AsOf, t))]
        as_of: Option<Day>,
        /// The A and B tier limits: cumulative revenue shares (the
        /// default rule), shares of customers (--tier-by top) or revenue
        /// amounts (--tier-by revenue).
        #[arg(long, default_value = "0.8,0.95")]
        abc: String,
        /// How tiers are drawn: cumulative, top or revenue.
        #[arg(long, default_value = "cumulative")]
        tier_by: String,
        /// Analyse only customers whose DIMENSION (industry, region,
        /// account_manager or another column's header) is VALUE.
        #[arg(long, value_name = "DIMENSION=VALUE", value_parser = Filter::parse)]
        filter: Option<Filter>,
        /// Loyalty axis of the loyalty-profit quadrant: tenure or frequency.
        #[arg(long, default_value = "tenure", value_parser = LoyaltyAxis::parse)]
        loyalty: LoyaltyAxis,
        /// What-if: the bottom share of customers by profit, and the share
        /// of their cost saved when served more cheaply.
        #[arg(long, default_value = "0.3,0.2", value_name = "BOTTOM,COST_CUT", value_parser = WhatIfSettings::parse)]
        what_if: WhatIfSettings,
        /// Margin assumed when the file has no cost, profit or margin column.
        #[arg(long, default_value_t = tierlens::profit::DEFAULT_ASSUMED_MARGIN)]
        margin: f64,
        /// Lifecycle thresholds in days: new, active, reactivation gap, dormant.
        #[arg(long, default_value = "90,90,90,365", value_name = "NEW,ACTIVE,GAP,DORMANT", value_parser = LifecycleSettings::parse)]
        lifecycle: LifecycleSettings,
        /// Retention cohorts by month or quarter of the first purchase.
        #[arg(long, default_value = "month", value_parser = Period::parse)]
        cohort: Period,
        /// RFM monetary value: revenue or aov (average order value).
        #[arg(long, default_value = "revenue", value_parser = MonetaryBasis::parse)]
        rfm_monetary: MonetaryBasis,
        /// RFM breakpoints instead of quintiles, per measure (recency,
        /// frequency or monetary): four ascending values; repeatable.
        #[arg(long, value_name = "MEASURE=A,B,C,D")]
        rfm_breaks: Vec<String>,
        /// CLV models: the end of the calibration period (default: the
        /// as-of date); later transactions are the holdout.
        #[arg(long, value_parser = |t: &str| settings::day(Field::CalibrationEnd, t))]
        calibration_end: Option<Day>,
        /// CLV models' time unit: day, week or month.
        #[arg(long, default_value = "week", value_parser = TimeUnit::parse)]
        period: TimeUnit,
        /// CLV horizon in months.
        #[arg(long, default_value_t = 12)]
        horizon: u32,
        /// CLV discount rate per month.
        #[arg(long, default_value_t = 0.01)]
        discount: f64,
        /// Retention what-if: points of one-year retention added.
        #[arg(long, default_value_t = 5.0)]
        retention_points: f64,
        /// CLV purchase model: bgnbd, mbgnbd or pareto_nbd (default: the
        /// best by holdout error, or by AIC without a holdout).
        #[arg(long, value_parser = ModelKind::parse)]
        model: Option<ModelKind>,
        /// Read the file with this encoding (utf-8, utf-16le, gbk, gb18030, ...).
        #[arg(long)]
        encoding: Option<String>,
        /// Use the column HEADER for ROLE (customer, date, amount, cost, ...); repeatable.
        #[arg(long = "map", value_name = "ROLE=HEADER", value_parser = ReadOptions::parse_mapping)]
        map: Vec<(String, String)>,
        /// Day/month order of dates like 03/04/2024: dmy or mdy (default: decided from the data).
        #[arg(long, value_parser = ReadOptions::parse_date_order)]
        date_order: Option<DateOrder>,
        /// Read this sheet of an Excel workbook (default: the sheet that
        /// reads as a transaction log).
        #[arg(long)]
        sheet: Option<String>,
        /// The line the headers are on, as a text editor or Excel numbers
        /// it (default: found from the first rows).
        #[arg(long, value_name = "LINE", value_parser = clap::value_parser!(u64).range(1..))]
        header_row: Option<u64>,
        /// Count rows with these status values although the default rule
        /// leaves them out (comma-separated; repeatable).
        #[arg(long, value_name = "VALUE,...", value_delimiter = ',')]
        keep_status: Vec<String>,
        /// Leave out rows with these status values (comma-separated; repeatable).
        #[arg(long, value_name = "VALUE,...", value_delimiter = ',')]
        drop_status: Vec<String>,
        /// The decimal mark of amounts: point (1,234.56) or comma (1.234,56)
        /// (default: decided from the data).
        #[arg(long, value_parser = ReadOptions::parse_decimal)]
        decimal: Option<NumberStyle>,
        /// Multiply every money column by this instead of the unit its
        /// header names (1: read amounts as written).
        #[arg(long, value_parser = ReadOptions::parse_unit)]
        unit: Option<f64>,
        /// The two periods compared (inclusive ISO dates); default: the 12
        /// months up to the as-of date against the 12 months before.
        #[arg(long, value_name = "START..END,START..END", value_parser = tierlens::compare::CompareSettings::parse)]
        compare: Option<tierlens::compare::CompareSettings>,
    }

    /// Why a command could not finish: one line on stderr, and exit 2.
    #[derive(Debug, thiserror::Error)]
    enum CliError {
        #[error(transparent)]
        Settings(#[from] SettingsError),
        #[error("{}: {error}", file.display())]
        Input {
            file: PathBuf,
            error: Box<IngestError>,
        },
        #[error("cannot read {}: {error}", path.display())]
        Read {
            path: PathBuf,
            error: std::io::Error,
        },
        #[error("cannot write {}: {error}", path.display())]
        Write {
            path: PathBuf,
            error: std::io::Error,
        },
        #[error("no customer \"{id}\" in {}", file.display())]
        NoCustomer { id: String, file: PathBuf },
        #[error("--customers must be at least 1")]
        NoSampleCustomers,
        #[error("cannot write JSON: {0}")]
        Json(#[from] serde_json::Error),
        #[error(transparent)]
        Xlsx(#[from] tierlens::xlsx::XlsxError),
        #[error("internal error: the input stopped the analysis (please report the file); nothing was written")]
        Internal,
    }

    fn read(path: &std::path::Path) -> Result<Vec<u8>, CliError> {
        std::fs::read(path).map_err(|error| CliError::Read {
            path: path.to_path_buf(),
            error,
        })
    }

    /// An ingest error, said with the file it is about.
    fn located(file: &std::path::Path) -> impl Fn(IngestError) -> CliError + '_ {
        move |error| CliError::Input {
            file: file.to_path_buf(),
            error: Box::new(error),
        }
    }

    pub fn main() -> ExitCode {
        let cli = match Cli::try_parse() {
            Ok(cli) => cli,
            Err(e) => return flag_error(e),
        };
        // A parser's panic is caught where it is called (a workbook's
        // damage becomes an error there); anything else is caught here.
        // Either way the default hook's lines and backtrace stay off
        // stderr: the contract is one line and exit 2.
        std::panic::set_hook(Box::new(|_| {}));
        let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(cli)))
            .unwrap_or(Err(CliError::Internal));
        match result {
            Ok(()) => ExitCode::SUCCESS,
            Err(message) => {
                eprintln!("tierlens: {}", printable(&message.to_string()));
                ExitCode::from(2)
            }
        }
    }

    /// clap's error on one line (its own takes three to seven); `--help`
    /// and `--version` print as clap writes them.
    fn flag_error(e: clap::Error) -> ExitCode {
        use clap::error::ErrorKind;
        if matches!(
            e.kind(),
            ErrorKind::DisplayHelp
                | ErrorKind::DisplayVersion
                | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
        ) {
            let _ = e.print();
            return if e.kind() == ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
        let text = e.render().to_string();
        let parts: Vec<&str> = text
            .lines()
            .map(str::trim)
            .filter(|l| {
                !l.is_empty() && !l.starts_with("Usage:") && !l.starts_with("For more information")
            })
            .map(|l| l.strip_prefix("error: ").unwrap_or(l))
            .collect();
        eprintln!(
            "tierlens: {} (see tierlens --help)",
            printable(&parts.join("; "))
        );
        ExitCode::from(2)
    }

    fn run(cli: Cli) -> Result<(), CliError> {
        match cli.command {
            Command::Analyse {
                file,
                json,
                reading,
                customers,
                rejected,
                call_list,
                manager,
                customers_xlsx,
                lang,
                master,
            } => match request(reading) {
                Ok(mut request) => {
                    request.settings.customer_share.months = master.share_months;
                    request.settings.clone().validate()?;
                    let outputs = Outputs {
                        json,
                        rejected: rejected.as_deref(),
                        customers: customers.as_deref(),
                        call_list: call_list.as_deref().map(|p| (p, manager.as_deref())),
                        customers_xlsx: customers_xlsx.as_deref().map(|p| (p, lang)),
                    };
                    analyse(&file, &request, &outputs, &master)
                }
                Err(message) => Err(message),
            },
            Command::Customers {
                file,
                json,
                reading,
                sort,
                desc,
                search,
                tier,
                segment,
                stage,
                churn_risk,
                movement,
                dimension,
                offset,
                limit,
                card,
            } => request(reading).and_then(|request| {
                let query = Query {
                    sort,
                    descending: desc,
                    search,
                    tier,
                    segment,
                    stage,
                    dimension,
                    churn_risk,
                    movement,
                };
                list_customers(
                    &file,
                    &request,
                    &query,
                    (offset, limit),
                    card.as_deref(),
                    json,
                )
            }),
            Command::Sample {
                customers,
                seed,
                out,
                master_out,
            } => write_sample(customers, seed, out.as_deref(), master_out.as_deref()),
        }
    }

    /// Text for the terminal: user text (names, headers, values) may hold
    /// escape sequences that would drive it; every control character but
    /// the report's own line breaks is shown as an escape.
    fn terminal(text: &str) -> String {
        text.split('\n')
            .map(|line| printable(line).into_owned())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The request the flags describe, or what is wrong with them.
    fn request(r: Reading) -> Result<Request, CliError> {
        let mut settings = Settings {
            as_of: r.as_of,
            tier_rule: TierRule::parse(&r.tier_by, &r.abc)?,
            filter: r.filter,
            what_if: r.what_if,
            assumed_margin: r.margin,
            ..Settings::default()
        };
        settings.loyalty.axis = r.loyalty;
        settings.retention_period = r.cohort;
        settings.lifecycle = r.lifecycle;
        settings.compare = r.compare.unwrap_or_default();
        settings.clv = ClvSettings {
            calibration_end: r.calibration_end,
            period: r.period,
            horizon_months: r.horizon,
            monthly_discount: r.discount,
            retention_points: r.retention_points,
            model: r.model,
        };
        settings.rfm.monetary = r.rfm_monetary;
        for breaks in &r.rfm_breaks {
            rfm::set_breaks(&mut settings.rfm, breaks)?;
        }
        // Checked here too, so a bad flag is named before the file is read.
        settings.clone().validate()?;
        let read = ReadOptions {
            encoding: r.encoding,
            map: r.map,
            sheet: r.sheet,
            date_order: r.date_order,
            header_row: r.header_row,
            decimal: r.decimal,
            status: StatusChoice {
                keep: r.keep_status,
                drop: r.drop_status,
            },
            unit: r.unit,
        };
        Ok(Request { read, settings })
    }

    /// `customers`: a page of the table (or one card), as the page shows it.
    fn list_customers(
        file: &std::path::Path,
        request: &Request,
        query: &Query,
        (offset, limit): (usize, usize),
        card: Option<&str>,
        json: bool,
    ) -> Result<(), CliError> {
        let bytes = read(file)?;
        let clock = || 0.0;
        let loaded = engine::load(&bytes, request, &clock, &mut |_| {}).map_err(located(file))?;
        let mut outcome =
            engine::analyse(&loaded, &request.settings, &clock).map_err(located(file))?;
        let text = match card {
            Some(id) => {
                let as_of = outcome.analysis.as_of;
                let card = customer_table::card(&outcome.customers, loaded.table(), as_of, id)
                    .ok_or_else(|| CliError::NoCustomer {
                        id: id.to_string(),
                        file: file.to_path_buf(),
                    })?;
                if json {
                    serde_json::to_string_pretty(&card)?
                } else {
                    card_text(&card)
                }
            }
            None => {
                let page = outcome.customers.page(query, offset, limit);
                if json {
                    serde_json::to_string_pretty(&page)?
                } else {
                    page_text(&page)
                }
            }
        };
        let text = if json { text } else { terminal(&text) };
        let _ = writeln!(std::io::stdout().lock(), "{text}");
        Ok(())
    }

    fn page_text(page: &tierlens::customer_table::Page) -> String {
        let mut out = format!(
            "{} of {} customers match; rows {} to {}\n",
            page.matches,
            page.customers,
            page.offset + 1,
            page.offset + page.rows.len()
        );
        for r in &page.rows {
            let clv = r
                .prediction
                .as_ref()
                .map_or(String::new(), |p| format!("{:.2}", p.clv));
            out.push_str(&format!(
                "{:>7}  {:<12} {:<28} {}  {:>14.2}  {}  {:<20} {:<11} {}\n",
                r.rank,
                r.id,
                r.name.as_deref().unwrap_or(""),
                r.tier,
                r.revenue,
                r.last_purchase,
                r.segment.key(),
                r.stage.key(),
                clv
            ));
        }
        out
    }

    fn card_text(card: &tierlens::customer_table::Card) -> String {
        let r = &card.row;
        let mut out = format!(
            "{} {}\ntier {} · {} · {} · RFM {}{}{}\nrevenue {:.2} · profit {:.2} · last purchase {} ({} days ago)\n",
            r.id,
            r.name.as_deref().unwrap_or(""),
            r.tier,
            r.stage.key(),
            r.segment.key(),
            r.rfm.r,
            r.rfm.f,
            r.rfm.m,
            r.revenue,
            r.profit,
            r.last_purchase,
            card.recency_days
        );
        if let Some(p) = &r.prediction {
            out.push_str(&format!(
                "CLV {:.2} · P(alive) {:.3} · expected purchases {:.2}\n",
                p.clv, p.p_alive, p.expected_purchases
            ));
            let next = p
                .expected_next_purchase
                .map_or("not within five years".to_string(), |d| d.to_string());
            out.push_str(&format!(
                "chance of a purchase in 90 days {:.3} · churn risk {} · next purchase by {next}\n",
                p.p_purchase_90d,
                p.churn_risk.key()
            ));
        }
        for (key, value) in &card.dimensions {
            out.push_str(&format!("{key}: {value}\n"));
        }
        for p in &card.purchases {
            out.push_str(&format!("{}  {:.2}\n", p.day, p.amount));
        }
        out
    }

    /// Where `analyze` writes what it found.
    struct Outputs<'a> {
        json: bool,
        rejected: Option<&'a std::path::Path>,
        customers: Option<&'a std::path::Path>,
        /// The call list's file and the account manager to keep.
        call_list: Option<(&'a std::path::Path, Option<&'a str>)>,
        /// The workbook's file and its language.
        customers_xlsx: Option<(&'a std::path::Path, tierlens::format::Locale)>,
    }

    fn parse_lang(text: &str) -> Result<tierlens::format::Locale, String> {
        match text {
            "en" => Ok(tierlens::format::Locale::En),
            "zh" => Ok(tierlens::format::Locale::Zh),
            _ => Err(format!("\"{text}\" is not a language: use en or zh")),
        }
    }

    fn write(path: &std::path::Path, text: &str) -> Result<(), CliError> {
        write_bytes(path, text.as_bytes())
    }

    fn write_bytes(path: &std::path::Path, bytes: &[u8]) -> Result<(), CliError> {
        std::fs::write(path, bytes).map_err(|error| CliError::Write {
            path: path.to_path_buf(),
            error,
        })
    }

    fn analyse(
        file: &std::path::Path,
        request: &Request,
        outputs: &Outputs<'_>,
        master: &MasterArgs,
    ) -> Result<(), CliError> {
        let started = Instant::now();
        let clock = move || started.elapsed().as_secs_f64() * 1000.0;
        let bytes = read(file)?;
        let mut loaded =
            engine::load(&bytes, request, &clock, &mut |_| {}).map_err(located(file))?;
        if let Some(path) = &master.master {
            let options = tierlens::master::MasterOptions {
                encoding: master.master_encoding.clone(),
                sheet: master.master_sheet.clone(),
                map: master.master_map.clone(),
            };
            let name = path
                .file_name()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned());
            loaded
                .join_master(&name, &read(path)?, &options)
                .map_err(located(path))?;
        }
        let outcome = engine::analyse(&loaded, &request.settings, &clock).map_err(located(file))?;
        let mut analysis = outcome.analysis;
        analysis.timings_ms.total = clock();
        if let Some(path) = outputs.rejected {
            write(path, &outcome.rejected_csv)?;
        }
        if let Some(path) = outputs.customers {
            write(
                path,
                &customer_table::csv::customers_csv(outcome.customers.rows()),
            )?;
        }
        if let Some((path, manager)) = outputs.call_list {
            let calls = tierlens::call_list::of_manager(&analysis.call_list, manager);
            write(path, &tierlens::call_list::csv(calls))?;
        }
        if let Some((path, locale)) = outputs.customers_xlsx {
            let rows = outcome.customers.rows();
            let count = outcome.customers.len();
            let lists = tierlens::xlsx::Lists::of(&analysis, &outcome.customers);
            let workbook = tierlens::xlsx::customers_workbook(rows, count, &lists, locale)?;
            write_bytes(path, &workbook)?;
        }
        let text = if outputs.json {
            serde_json::to_string_pretty(&analysis)?
        } else {
            terminal(&report(&analysis))
        };
        let mut stdout = std::io::stdout().lock();
        // A closed pipe (`| head`) is not an error worth a message.
        let _ = writeln!(stdout, "{text}");
        Ok(())
    }

    fn write_sample(
        customers: usize,
        seed: u64,
        out: Option<&std::path::Path>,
        master_out: Option<&std::path::Path>,
    ) -> Result<(), CliError> {
        if customers == 0 {
            return Err(CliError::NoSampleCustomers);
        }
        let spec = sample::Spec {
            customers,
            seed,
            ..sample::Spec::default()
        };
        if let Some(path) = master_out {
            let mut master = Vec::new();
            sample::write_master(&spec, &mut master).map_err(|error| CliError::Write {
                path: path.to_path_buf(),
                error,
            })?;
            write_bytes(path, &master)?;
        }
        let mut buffer = Vec::new();
        sample::write(&spec, &mut buffer).map_err(|error| CliError::Write {
            path: PathBuf::from("-"),
            error,
        })?;
        match out {
            Some(path) => std::fs::write(path, &buffer).map_err(|error| CliError::Write {
                path: path.to_path_buf(),
                error,
            }),
            None => {
                let _ = std::io::stdout().lock().write_all(&buffer);
                Ok(())
            }
        }
    }

    /// The join and customer share, for the report.
    fn master_lines(a: &Analysis) -> Vec<String> {
        let mut lines = Vec::new();
        if let Some(m) = &a.master {
            lines.push(format!(
                "Master      {}: {} log customers matched, {} not in the master, {} prospects (never bought), {} duplicate ids rejected",
                m.file,
                m.matched,
                m.log_only.customers,
                m.master_only.customers,
                m.duplicate_ids
            ));
            if !m.replaced.is_empty() {
                lines.push(format!(
                    "            master wins over the log for: {}",
                    m.replaced.join(", ")
                ));
            }
        }
        if let Some(s) = &a.customer_share {
            lines.push(format!(
                "Share       {} customers hold {} of their potential {:.2} ({:.2} revenue, {:.2} headroom); grow {}, defend {}, maintain {}, deprioritise {}; {} above 100% (check the potential)",
                s.customers,
                percent(s.share),
                s.potential_total,
                s.revenue,
                s.headroom_total,
                s.quadrants.grow.customers,
                s.quadrants.defend.customers,
                s.quadrants.maintain.customers,
                s.quadrants.deprioritise.customers,
                s.questions.customers
            ));
        }
        lines
    }

    fn percent(share: f64) -> String {
        format!("{:.1}%", share * 100.0)
    }

    /// "super 235, high_performance 49, ...".
    fn counts(groups: &[customer_table::Group]) -> String {
        groups
            .iter()
            .map(|g| format!("{} {}", g.key, g.customers))
            .collect::<Vec<_>>()
            .join(", ")
    }

    fn rule(rule: &TierRule) -> String {
        match rule {
            TierRule::Cumulative { a, b } => format!("cumulative revenue share cut-offs {a}, {b}"),
            TierRule::TopShare { a, b } => {
                format!("top {} and {} of customers", percent(*a), percent(*b))
            }
            TierRule::Revenue { a, b } => format!("revenue at least {a} and {b}"),
        }
    }

    fn slice_name(slice: &tierlens::dimensions::Slice) -> String {
        match slice.kind {
            tierlens::dimensions::SliceKind::Value => slice.value.clone(),
            tierlens::dimensions::SliceKind::Other => "(other)".into(),
            tierlens::dimensions::SliceKind::Missing => "(none)".into(),
        }
    }

    /// "UTF-8, delimiter ','" or "xlsx, sheet 交易明细 of 交易明细, 说明".
    fn source(i: &InputReport) -> String {
        match &i.sheet {
            Some(sheet) => format!("{}, sheet {sheet} of {}", i.format, i.sheets.join(", ")),
            None => format!("{}, delimiter {:?}", i.encoding, i.delimiter),
        }
    }

    /// The human-readable report: the same figures as the JSON.
    fn clv_line(c: &tierlens::clv::value::Clv) -> String {
        use tierlens::clv::value::Status;
        let basis = if c.margin_applied {
            "profit"
        } else {
            "revenue"
        };
        let months = c.settings.horizon_months;
        match (c.status, &c.model_choice) {
            (Status::Fitted, Some(choice)) => {
                let spend = c.gamma_gamma.map_or("spend: own mean".to_string(), |g| {
                    format!("Gamma-Gamma p {:.4}, q {:.4}, v {:.4}", g.p, g.q, g.v)
                });
                let ll = |m: Option<f64>| m.map_or("-".to_string(), |v| format!("{v:.1}"));
                format!(
                    "CLV         {months}-month {basis} {:.2} by {}; {spend}\n            LL BG/NBD {}, MBG/NBD {}, Pareto/NBD {}; {}",
                    c.clv_total,
                    choice.chosen.label(),
                    ll(c.bgnbd.map(|m| m.log_likelihood)),
                    ll(c.mbgnbd.map(|m| m.log_likelihood)),
                    ll(c.pareto_nbd.map(|m| m.log_likelihood)),
                    choice.reason
                )
            }
            (status, _) => format!(
                "CLV         not modelled ({status:?}); historical {basis} {:.2} shown instead",
                c.clv_total
            ),
        }
    }

    /// One line per decision made on weak evidence, or none.
    fn decided(i: &InputReport) -> String {
        i.decisions
            .iter()
            .map(|d| format!("Decided     {}: {}", d.what, d.why))
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The interval, churn risk, regularity and who to call, in words.
    fn outlook_lines(a: &Analysis) -> Vec<String> {
        let c = &a.clv;
        let mut lines = Vec::new();
        if let Some([lo, hi]) = c.clv_total_interval {
            lines.push(format!(
                "            between {lo:.0} and {hi:.0}, 9 times in 10 (the model's parameter uncertainty)"
            ));
        }
        if c.model_choice.is_some() {
            let r = c.churn_risk;
            lines.push(format!(
                "Churn risk  {} low, {} medium, {} high (chance of no purchase in 90 days < 1/3, to 2/3, above)",
                r.low, r.medium, r.high
            ));
        }
        if let Some(g) = c.regularity {
            let meaning = if g.regular {
                "regular buying: a silence past the usual cycle means more than the models assume, so P(alive) is too high for customers past their cycle"
            } else {
                "no clear regularity: the models' Poisson buying fits"
            };
            lines.push(format!(
                "Regularity  k {:.2} from {} customers; {meaning}",
                g.k, g.customers
            ));
        }
        if let Some(top) = a.call_list.first() {
            lines.push(format!(
                "Who to call {} valuable customers at risk; first {} ({:.0} at stake); --call-list FILE writes them",
                a.call_list.len(),
                top.customer.id,
                top.value_at_stake
            ));
        }
        lines
    }

    /// The comparison of two periods: bridge, NRR, GRR, the migration matrix.
    fn compare_lines(a: &Analysis) -> Vec<String> {
        let c = &a.compare;
        let [p1, p2] = [0, 1].map(|i| c.periods[i]);
        let ratio =
            |r: Option<f64>| r.map_or("undefined (no period-1 revenue)".to_string(), percent);
        let b = &c.bridge;
        let mut lines = vec![
            format!(
                "Compare     {}..{} ({} customers) against {}..{} ({} customers)",
                p1.start, p1.end, c.customers[0], p2.start, p2.end, c.customers[1]
            ),
            format!(
                "Bridge      start {:.2} + new {:.2} - lost {:.2} + expansion {:.2} - contraction {:.2} = end {:.2}",
                b.start, b.new, b.lost, b.expansion, b.contraction, b.end
            ),
            format!("Retention   NRR {}, GRR {}", ratio(c.nrr), ratio(c.grr)),
            format!("Migration   {:<6} {:>10} {:>10} {:>10} {:>10}", "from/to", "A", "B", "C", "none"),
        ];
        for (from, to) in &c.migration {
            let cells: Vec<String> = ["A", "B", "C", "none"]
                .iter()
                .map(|t| {
                    to.get(*t)
                        .map_or("-".to_string(), |x| x.customers.to_string())
                })
                .collect();
            lines.push(format!(
                "            {:<6} {:>10} {:>10} {:>10} {:>10}",
                from, cells[0], cells[1], cells[2], cells[3]
            ));
        }
        for note in &c.notes {
            lines.push(format!(
                "Note        {}",
                tierlens::i18n::compare_note(tierlens::format::Locale::En, *note, a)
            ));
        }
        lines
    }

    /// The report's opening: what was found, one sentence a line.
    fn findings_lines(a: &Analysis) -> Vec<String> {
        a.findings
            .iter()
            .enumerate()
            .map(|(n, f)| {
                let label = if n == 0 { "Findings" } else { "" };
                format!("{label:<12}{}", f.text_en)
            })
            .collect()
    }

    fn report(a: &Analysis) -> String {
        let i = &a.input;
        let mut lines = vec![
            format!(
                "Input       {} rows read, {} rejected, {} blank ({})",
                i.rows_read,
                i.rows_rejected,
                i.rows_blank,
                source(i)
            ),
            format!(
                "Columns     {}",
                i.columns
                    .iter()
                    .map(|(k, v)| format!("{k}={v}"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
            decided(i),
            format!(
                "Period      {} to {} (as of {})",
                a.first_date, a.last_date, a.as_of
            ),
            format!("Customers   {}", a.customers),
            format!(
                "Revenue     {:.2} net ({} return rows, {:.2})",
                a.revenue_total, a.returns.rows, a.returns.total
            ),
            format!(
                "Pareto      top 20% of customers bring {}; {} customers ({}) make 80%; Gini {:.3}",
                percent(a.pareto.top20_share),
                a.pareto.customers_for_80pct_share,
                percent(a.pareto.customers_for_80pct_fraction),
                a.pareto.gini
            ),
            format!(
                "ABC tiers   A {}  B {}  C {}  ({})",
                a.abc.a,
                a.abc.b,
                a.abc.c,
                rule(&a.tier_rule)
            ),
            format!(
                "Concentr.   top 1 {}, top 5 {}, top 10 {}, HHI {:.4}",
                percent(a.concentration.top1_share),
                percent(a.concentration.top5_share),
                percent(a.concentration.top10_share),
                a.concentration.hhi
            ),
        ];
        let p = &a.profit;
        lines.push(format!(
            "Profit      {:.2} ({}); whale-curve peak {} at {} customers ({}); {} loss-makers lose {:.2}",
            p.total,
            p.source,
            percent(p.peak_share),
            p.peak_customers,
            percent(p.peak_customer_share),
            p.loss_makers,
            -p.loss
        ));
        lines.push(format!("Types       {}", counts(&a.customer_types.groups)));
        lines.push(format!("Loyalty     {}", counts(&a.loyalty.groups)));
        let l = &a.lifecycle;
        let at_risk = match a.lifecycle_detail.revenue_at_risk_known {
            true => format!("{:.2}", a.lifecycle_detail.revenue_at_risk),
            false => "not known".to_string(),
        };
        lines.push(format!(
            "Lifecycle   new {}, reactivated {}, active {}, dormant {}, lost {}; revenue at risk {at_risk}",
            l.new, l.reactivated, l.active, l.dormant, l.lost
        ));
        let named = |groups: &[rfm::Named]| {
            groups
                .iter()
                .filter(|g| g.group.customers > 0)
                .map(|g| format!("{} {}", g.name, g.group.customers))
                .collect::<Vec<_>>()
                .join(", ")
        };
        lines.push(format!("RFM         {}", named(&a.rfm.segments)));
        lines.push(format!("RFM classes {}", named(&a.rfm.classes)));
        let r = &a.retention;
        lines.push(format!(
            "Retention   {} cohorts by {:?}; repeat rate {} per period, churn {}, lifetime {}",
            r.cohorts.len(),
            r.period,
            percent(r.average_repeat_rate),
            percent(r.average_churn_rate),
            r.expected_lifetime_periods
                .map_or("unbounded".to_string(), |p| format!("{p:.1} periods"))
        ));
        lines.push(clv_line(&a.clv));
        lines.extend(outlook_lines(a));
        if let Some(h) = &a.clv.holdout {
            lines.push(format!(
                "Holdout     {} to {}: {:.0} repeat purchases predicted, {:.0} actual ({:+.1}%), MAE {:.3} per customer",
                h.calibration_end,
                h.as_of,
                h.predicted_total,
                h.actual_total,
                100.0 * h.error,
                h.mae
            ));
        }
        if let Some(w) = &a.clv.what_if {
            lines.push(format!(
                "What-if     one-year retention {} -> {}: CLV {:+.1}%",
                percent(w.retention),
                percent(w.chosen.retention),
                100.0 * w.chosen.change
            ));
        }
        lines.extend(compare_lines(a));
        for gap in &a.summary_gaps {
            let text = tierlens::i18n::gap_text(tierlens::format::Locale::En, gap);
            lines.push(format!("Not shown   {text}"));
        }
        for split in &a.splits {
            lines.push(format!(
                "By {:<9} {}",
                split.key,
                split
                    .slices
                    .iter()
                    .take(6)
                    .map(|s| format!("{} {}", slice_name(s), percent(s.revenue_share)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        if a.concentration.dependency_warning {
            if let Some(top) = a.top_customers.first() {
                lines.push(format!(
                    "WARNING     one customer ({}) brings {} of revenue: dependency risk",
                    top.id,
                    percent(top.share)
                ));
            }
        }
        if let Some([from, to]) = a.concentration.top1_rising {
            lines.push(format!(
                "WARNING     the largest customer's share grew over the last four quarters, {} -> {}",
                percent(from),
                percent(to)
            ));
        }
        if i.rows_after_as_of > 0 {
            lines.push(format!(
                "Note        {} rows dated after {} were left out",
                i.rows_after_as_of, a.as_of
            ));
        }
        for e in i.errors.iter().take(10) {
            lines.push(format!(
                "Rejected    line {}, column {} ({}): {}",
                e.line, e.column, e.header, e.reason
            ));
        }
        if i.rows_rejected > 10 {
            lines.push(format!(
                "            ... {} rejected rows in all; --rejected FILE writes them",
                i.rows_rejected
            ));
        }
        lines.extend(master_lines(a));
        lines.retain(|l| !l.is_empty());
        let mut report = findings_lines(a);
        if !report.is_empty() {
            report.push(String::new());
        }
        report.extend(lines);
        report.join("\n")
    }
}
