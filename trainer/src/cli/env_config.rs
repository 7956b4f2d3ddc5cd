//! Env configs given on the command line (`sample --config`, `score
//! --env-config`): a JSON or TOML file, or inline JSON. One reader, so every
//! command takes the same forms and names the file in its errors.

use std::path::Path;

use anyhow::{bail, Context};
use serde::de::DeserializeOwned;

/// Reads `arg` as `T`: a file (TOML when it ends in `.toml`, JSON when in
/// `.json`, otherwise JSON if its text starts with `{` and TOML if not), or
/// inline JSON text. `flag` names the option in errors.
pub fn parse<T: DeserializeOwned>(arg: &str, flag: &str) -> anyhow::Result<T> {
    let path = Path::new(arg);
    if path.is_file() {
        let text =
            std::fs::read_to_string(path).with_context(|| format!("{flag}: reading {arg}"))?;
        let toml = match path.extension().and_then(|e| e.to_str()) {
            Some("toml") => true,
            Some("json") => false,
            _ => !text.trim_start().starts_with('{'),
        };
        return if toml {
            toml::from_str(&text)
                .with_context(|| format!("{flag}: {arg} is not a valid TOML config"))
        } else {
            serde_json::from_str(&text)
                .with_context(|| format!("{flag}: {arg} is not a valid JSON config"))
        };
    }
    if !arg.trim_start().starts_with('{') {
        bail!("{flag} {arg}: no such file, and not inline JSON (which starts with '{{')");
    }
    serde_json::from_str(arg).with_context(|| format!("{flag}: inline JSON {arg}"))
}

/// [`parse`] when the option was given, else `T::default()`.
pub fn parse_or_default<T: DeserializeOwned + Default>(
    arg: Option<&str>,
    flag: &str,
) -> anyhow::Result<T> {
    arg.map_or_else(|| Ok(T::default()), |a| parse(a, flag))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{json, Value};

    fn file(name: &str, body: &str) -> String {
        let dir = std::env::temp_dir().join(format!("rulegym-env-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join(name);
        std::fs::write(&p, body).unwrap();
        p.display().to_string()
    }

    #[test]
    fn toml_and_json_files_and_inline_json_read_the_same() -> anyhow::Result<()> {
        let want = json!({"auto_continue": 0, "frame": {"width": 64}});
        let toml_file = file("a.toml", "auto_continue = 0\n[frame]\nwidth = 64\n");
        let json_file = file("a.json", r#"{"auto_continue": 0, "frame": {"width": 64}}"#);
        let bare_toml = file("a.cfg", "auto_continue = 0\nframe = { width = 64 }\n");
        let bare_json = file("b.cfg", r#" {"auto_continue": 0, "frame": {"width": 64}}"#);
        for arg in [toml_file, json_file, bare_toml, bare_json] {
            assert_eq!(parse::<Value>(&arg, "--config")?, want, "{arg}");
        }
        let inline = r#"{"auto_continue": 0, "frame": {"width": 64}}"#;
        assert_eq!(parse::<Value>(inline, "--config")?, want);
        Ok(())
    }

    #[test]
    fn errors_name_the_file_or_the_text() {
        let bad = file("bad.toml", "auto_continue = \n");
        let err = format!("{:#}", parse::<Value>(&bad, "--config").unwrap_err());
        assert!(err.contains(&bad) && err.contains("TOML"), "{err}");
        let bad = file("bad.json", "{\"a\": }");
        let err = format!("{:#}", parse::<Value>(&bad, "--config").unwrap_err());
        assert!(err.contains(&bad) && err.contains("JSON"), "{err}");
        let err = format!(
            "{:#}",
            parse::<Value>("missing.toml", "--config").unwrap_err()
        );
        assert!(
            err.contains("missing.toml") && err.contains("no such file"),
            "{err}"
        );
        let err = format!("{:#}", parse::<Value>("{oops", "--env-config").unwrap_err());
        assert!(
            err.contains("--env-config") && err.contains("{oops"),
            "{err}"
        );
    }
}
