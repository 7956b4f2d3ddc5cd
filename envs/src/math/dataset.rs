//! JSONL problem sets: one `{"problem": ..., "answer": ...}` per line
//! (MATH / DeepScaleR style). Every gold answer is parsed at load time so a
//! line that cannot be graded is reported with its file and line number
//! instead of silently rewarding anything (LMM-R1 gives 1.0 there).

use std::path::Path;

use serde::Deserialize;

use super::generators::Problem;
use super::verify::parse_gold;
use crate::EnvError;

/// Other keys (`solution`, `level`, ...) are ignored: real sets carry them.
#[derive(Deserialize)]
struct Line {
    problem: String,
    answer: serde_json::Value,
}

/// Reads one JSONL problem set.
pub fn load(path: &Path) -> Result<Vec<Problem>, EnvError> {
    let shown = path.display().to_string();
    let text = std::fs::read_to_string(path).map_err(|source| EnvError::Io {
        path: shown.clone(),
        source,
    })?;
    let err = |line: usize, message: String| EnvError::Data {
        path: shown.clone(),
        line,
        message,
    };
    let mut out = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        if raw.trim().is_empty() {
            continue;
        }
        let line: Line = serde_json::from_str(raw).map_err(|e| err(i + 1, e.to_string()))?;
        let answer = match line.answer {
            serde_json::Value::String(s) => s,
            serde_json::Value::Number(n) => n.to_string(),
            other => {
                return Err(err(
                    i + 1,
                    format!("answer must be a string or number, got {other}"),
                ))
            }
        };
        parse_gold(&answer)
            .map_err(|e| err(i + 1, format!("gold answer cannot be graded: {e}")))?;
        out.push(Problem {
            text: line.problem,
            answer,
        });
    }
    if out.is_empty() {
        return Err(err(0, "no problems in file".into()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(name: &str, body: &str) -> std::path::PathBuf {
        let p =
            std::env::temp_dir().join(format!("rulegym-math-{}-{name}.jsonl", std::process::id()));
        std::fs::write(&p, body).unwrap();
        p
    }

    #[test]
    fn malformed_line_names_file_and_line() {
        let p = write(
            "bad",
            "{\"problem\": \"1+1\", \"answer\": \"2\"}\n\n{\"problem\": 3}\n",
        );
        let msg = load(&p).unwrap_err().to_string();
        assert!(
            msg.contains(&p.display().to_string()) && msg.contains(":3:"),
            "{msg}"
        );
        let p = write("empty-gold", "{\"problem\": \"x\", \"answer\": \"  \"}\n");
        assert!(load(&p).unwrap_err().to_string().contains(":1:"));
    }

    #[test]
    fn numbers_and_strings_are_both_answers() {
        let p = write("ok", "{\"problem\": \"1+1\", \"answer\": 2}\n{\"problem\": \"half\", \"answer\": \"\\\\frac12\"}\n");
        let v = load(&p).unwrap();
        assert_eq!(v.len(), 2);
        assert_eq!(v[0].answer, "2");
        assert_eq!(v[1].answer, "\\frac12");
    }
}
