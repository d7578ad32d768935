//! The messages between the page and its analysis worker.
//!
//! The page posts a `Job` as JSON, with the user's `File` object beside it
//! (a handle: the bytes are never copied on the page's thread). The worker
//! reads the file in chunks, parses and analyses it, and answers with
//! `Reply`s: `Ready` once it can take jobs, `Progress` as it goes, then
//! `Done` or `Failed`. Every reply names its job, so replies for a job the
//! user has since replaced are ignored. Once a file is analysed the worker
//! keeps every customer; the page then `Ask`s for what it shows: the rows
//! in view of the customer table, one customer's card, or the CSV export.
//! These are plain serde types, so the boundary is tested natively like the
//! rest of the core.

use crate::customer_table::{Card, Page, Query};
use crate::engine::{Outcome, Progress, Request};
use crate::format::Locale;
use crate::ingest::IngestError;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Job {
    pub id: u32,
    pub source: Source,
    pub request: Request,
    /// The same file as the last job: the worker may reuse the table it
    /// read then, if the request reads the file the same way.
    #[serde(default)]
    pub reuse: bool,
    /// A second file (posted as `file2` when it is the user's): of the
    /// two, the one that reads as a customer master is joined to the other.
    #[serde(default)]
    pub second: Option<Source>,
}

/// A question about the last analysis, answered from the worker's table.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Asked {
    pub id: u32,
    pub ask: Ask,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Ask {
    /// `count` rows from `offset` of the customers `query` selects.
    Rows {
        query: Query,
        offset: usize,
        count: usize,
    },
    /// One customer's card.
    Card { customer: String },
    /// The customers as CSV: those `query` selects, or everyone.
    Export { query: Option<Query> },
    /// Every customer, and the call list, as an Excel workbook with
    /// headers in `locale` (`xlsx::customers_workbook`).
    Workbook { locale: Locale },
    /// The landing's template as a workbook (`template::workbook`), its
    /// bytes beside a `Reply::Workbook` like the customers' workbook.
    Template { locale: Locale },
}

/// Where the worker finds the bytes.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Source {
    /// The `File` posted beside the job.
    File { name: String },
    /// A URL of the page's own origin (the bundled sample).
    Url { name: String, url: String },
}

impl Source {
    pub fn name(&self) -> &str {
        match self {
            Source::File { name } | Source::Url { name, .. } => name,
        }
    }
}

#[derive(Debug, Serialize, Deserialize)]
pub enum Reply {
    Ready,
    Progress {
        id: u32,
        progress: Progress,
    },
    Done {
        id: u32,
        outcome: Box<Outcome>,
    },
    Failed {
        id: u32,
        failure: Failure,
    },
    /// Answers to `Ask`s, by the ask's id.
    Rows {
        id: u32,
        page: Page,
    },
    Card {
        id: u32,
        card: Option<Box<Card>>,
    },
    Export {
        id: u32,
        csv: String,
    },
    /// The workbook's bytes travel beside this reply as a `Blob` (JSON
    /// would triple them); `failure` says, in the asked locale, why there
    /// is none.
    Workbook {
        id: u32,
        failure: Option<String>,
    },
}

/// Why a file gave no analysis.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Failure {
    /// The file was read but cannot be used; the core says why.
    Ingest(IngestError),
    /// The browser could not hand over the bytes.
    Read(String),
    /// The worker died on the file (a parser's panic aborts its wasm, or it
    /// ran out of memory); the page replaced it.
    Stopped,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::engine::run;

    #[test]
    fn a_whole_outcome_survives_the_boundary() {
        let csv = b"customer_id,date,amount\nA,2024-01-01,10\nB,2024-02-01,5\nC,bad,1\n";
        let outcome = run(csv, &Request::default(), &|| 0.0).unwrap();
        let before = serde_json::to_value(&outcome.analysis).unwrap();
        let reply = Reply::Done {
            id: 7,
            outcome: Box::new(outcome),
        };
        let text = serde_json::to_string(&reply).unwrap();
        let Reply::Done { id, outcome } = serde_json::from_str(&text).unwrap() else {
            panic!("not Done: {text}")
        };
        assert_eq!(id, 7);
        assert_eq!(serde_json::to_value(&outcome.analysis).unwrap(), before);
        assert!(outcome.rejected_csv.contains("bad"));
    }

    #[test]
    fn asks_and_their_answers_round_trip() {
        let ask = Asked {
            id: 3,
            ask: Ask::Rows {
                query: Query {
                    search: "华东 <b>".into(),
                    descending: true,
                    ..Query::default()
                },
                offset: 100,
                count: 60,
            },
        };
        let back: Asked = serde_json::from_str(&serde_json::to_string(&ask).unwrap()).unwrap();
        assert_eq!(back, ask);
        let csv = b"customer_id,date,amount\nA,2024-01-01,10\nB,2024-02-01,5\n";
        let mut outcome = run(csv, &Request::default(), &|| 0.0).unwrap();
        let page = outcome.customers.page(&Query::default(), 0, 10);
        let text = serde_json::to_string(&Reply::Rows {
            id: 3,
            page: page.clone(),
        })
        .unwrap();
        let Reply::Rows { id, page: back } = serde_json::from_str(&text).unwrap() else {
            panic!("{text}")
        };
        assert_eq!((id, back), (3, page));
        assert!(!serde_json::to_string(&outcome.analysis)
            .unwrap()
            .contains("customers_csv"));
    }

    #[test]
    fn the_workbook_ask_names_its_language() {
        let ask = Asked {
            id: 4,
            ask: Ask::Workbook { locale: Locale::Zh },
        };
        let text = serde_json::to_string(&ask).unwrap();
        assert!(text.contains(r#""locale":"zh""#), "{text}");
        let back: Asked = serde_json::from_str(&text).unwrap();
        assert_eq!(back, ask);
        let reply = Reply::Workbook {
            id: 4,
            failure: Some("过大".into()),
        };
        let text = serde_json::to_string(&reply).unwrap();
        let Reply::Workbook { id, failure } = serde_json::from_str(&text).unwrap() else {
            panic!("{text}")
        };
        assert_eq!((id, failure.as_deref()), (4, Some("过大")));
    }

    #[test]
    fn jobs_and_failures_round_trip() {
        let job = Job {
            id: 1,
            source: Source::Url {
                name: "s.csv".into(),
                url: "public/s.csv".into(),
            },
            request: Request::default(),
            reuse: true,
            second: Some(Source::File {
                name: "master.csv".into(),
            }),
        };
        let back: Job = serde_json::from_str(&serde_json::to_string(&job).unwrap()).unwrap();
        assert_eq!(back, job);
        let failure = Failure::Ingest(run(b"", &Request::default(), &|| 0.0).unwrap_err());
        let text = serde_json::to_string(&Reply::Failed {
            id: 2,
            failure: failure.clone(),
        })
        .unwrap();
        let Reply::Failed { failure: back, .. } = serde_json::from_str(&text).unwrap() else {
            panic!("{text}")
        };
        assert_eq!(back, failure);
    }
}
