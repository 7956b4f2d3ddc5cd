//! Chat messages and the Qwen2-VL chat template.
//!
//! `render_chat` reproduces the Jinja template shipped in Qwen2-VL / Qwen2.5-VL
//! `tokenizer_config.json` (checked against transformers' `apply_chat_template` by fixture
//! strings); [`QWEN2_VL_CHAT_TEMPLATE`] is that Jinja source, written with saved checkpoints.
use std::path::{Path, PathBuf};

use rulegym_render::Frame;
use serde::{Deserialize, Serialize};

/// Who speaks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    System,
    User,
    Assistant,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::System => "system",
            Role::User => "user",
            Role::Assistant => "assistant",
        }
    }
}

/// One part of a message.
#[derive(Debug, Clone, PartialEq)]
pub enum Content {
    Text(String),
    Image(Frame),
    Video(Vec<Frame>),
}

/// A chat message. JSON: `{"role": .., "content": "text" | [{"type":"text","text":..},
/// {"type":"image","image":PATH}, {"type":"video","video":[PATHS]}]}`; image paths are read
/// when deserialising.
#[derive(Debug, Clone, PartialEq)]
pub struct Message {
    pub role: Role,
    pub content: Vec<Content>,
}

impl Message {
    pub fn new(role: Role, t: impl Into<String>) -> Self {
        Self {
            role,
            content: vec![Content::Text(t.into())],
        }
    }
    pub fn system(t: impl Into<String>) -> Self {
        Self::new(Role::System, t)
    }
    pub fn user(t: impl Into<String>) -> Self {
        Self::new(Role::User, t)
    }
    pub fn assistant(t: impl Into<String>) -> Self {
        Self::new(Role::Assistant, t)
    }
    /// A user turn showing frames (one image each) before the text.
    pub fn user_with_frames(t: impl Into<String>, frames: Vec<Frame>) -> Self {
        let mut content: Vec<Content> = frames.into_iter().map(Content::Image).collect();
        content.push(Content::Text(t.into()));
        Self {
            role: Role::User,
            content,
        }
    }

    /// True when any part is an image or a video.
    pub fn has_vision(&self) -> bool {
        self.content.iter().any(|c| !matches!(c, Content::Text(_)))
    }
}

/// The raw JSON shape of a content part.
#[derive(Serialize, Deserialize)]
#[serde(tag = "type", rename_all = "lowercase")]
enum RawPart {
    Text { text: String },
    Image { image: PathBuf },
    Video { video: Vec<PathBuf> },
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum RawContent {
    Str(String),
    Parts(Vec<RawPart>),
}

#[derive(Serialize, Deserialize)]
struct RawMessage {
    role: Role,
    content: RawContent,
}

fn load_frame<E: serde::de::Error>(p: &Path) -> Result<Frame, E> {
    Frame::load(p).map_err(|e| E::custom(format!("image {}: {e}", p.display())))
}

impl<'de> Deserialize<'de> for Message {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let raw = RawMessage::deserialize(d)?;
        let content = match raw.content {
            RawContent::Str(s) => vec![Content::Text(s)],
            RawContent::Parts(parts) => {
                let mut out = Vec::with_capacity(parts.len());
                for p in parts {
                    out.push(match p {
                        RawPart::Text { text } => Content::Text(text),
                        RawPart::Image { image } => Content::Image(load_frame(&image)?),
                        RawPart::Video { video } => Content::Video(
                            video
                                .iter()
                                .map(|p| load_frame(p))
                                .collect::<Result<_, _>>()?,
                        ),
                    });
                }
                out
            }
        };
        Ok(Message {
            role: raw.role,
            content,
        })
    }
}

impl Serialize for Message {
    /// Text-only messages serialise as a string; frames are not written back to paths, so
    /// vision parts serialise as their placeholder text.
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let content = if self.content.len() == 1 {
            match &self.content[0] {
                Content::Text(t) => RawContent::Str(t.clone()),
                _ => RawContent::Parts(vec![RawPart::Text {
                    text: render_parts(&self.content),
                }]),
            }
        } else {
            RawContent::Str(render_parts(&self.content))
        };
        RawMessage {
            role: self.role,
            content,
        }
        .serialize(s)
    }
}

/// The system prompt the template inserts when the first message is not a system message.
pub const DEFAULT_SYSTEM: &str = "You are a helpful assistant.";
pub const IMAGE_PLACEHOLDER: &str = "<|vision_start|><|image_pad|><|vision_end|>";
pub const VIDEO_PLACEHOLDER: &str = "<|vision_start|><|video_pad|><|vision_end|>";

fn render_parts(parts: &[Content]) -> String {
    let mut s = String::new();
    for c in parts {
        match c {
            Content::Text(t) => s.push_str(t),
            Content::Image(_) => s.push_str(IMAGE_PLACEHOLDER),
            Content::Video(_) => s.push_str(VIDEO_PLACEHOLDER),
        }
    }
    s
}

/// Renders messages exactly as transformers renders Qwen2-VL's chat template.
pub fn render_chat(messages: &[Message], add_generation_prompt: bool) -> String {
    let mut s = String::new();
    for (i, m) in messages.iter().enumerate() {
        if i == 0 && m.role != Role::System {
            s.push_str("<|im_start|>system\n");
            s.push_str(DEFAULT_SYSTEM);
            s.push_str("<|im_end|>\n");
        }
        s.push_str("<|im_start|>");
        s.push_str(m.role.as_str());
        s.push('\n');
        s.push_str(&render_parts(&m.content));
        s.push_str("<|im_end|>\n");
    }
    if add_generation_prompt {
        s.push_str("<|im_start|>assistant\n");
    }
    s
}

/// Qwen2-VL's Jinja chat template (as in its `tokenizer_config.json`).
pub const QWEN2_VL_CHAT_TEMPLATE: &str = "{% set image_count = namespace(value=0) %}{% set video_count = namespace(value=0) %}{% for message in messages %}{% if loop.first and message['role'] != 'system' %}<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n{% endif %}<|im_start|>{{ message['role'] }}\n{% if message['content'] is string %}{{ message['content'] }}<|im_end|>\n{% else %}{% for content in message['content'] %}{% if content['type'] == 'image' or 'image' in content or 'image_url' in content %}{% set image_count.value = image_count.value + 1 %}{% if add_vision_id %}Picture {{ image_count.value }}: {% endif %}<|vision_start|><|image_pad|><|vision_end|>{% elif content['type'] == 'video' or 'video' in content %}{% set video_count.value = video_count.value + 1 %}{% if add_vision_id %}Video {{ video_count.value }}: {% endif %}<|vision_start|><|video_pad|><|vision_end|>{% elif 'text' in content %}{{ content['text'] }}{% endif %}{% endfor %}<|im_end|>\n{% endif %}{% endfor %}{% if add_generation_prompt %}<|im_start|>assistant\n{% endif %}";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_system_prompt_and_generation_prompt() {
        let s = render_chat(&[Message::user("Hi")], true);
        assert_eq!(
            s,
            "<|im_start|>system\nYou are a helpful assistant.<|im_end|>\n<|im_start|>user\nHi<|im_end|>\n<|im_start|>assistant\n"
        );
    }

    #[test]
    fn explicit_system_and_image_placeholder() {
        let m = vec![
            Message::system("S"),
            Message::user_with_frames("Go", vec![Frame::filled(2, 2, [0, 0, 0])]),
            Message::assistant("left"),
        ];
        assert_eq!(
            render_chat(&m, false),
            "<|im_start|>system\nS<|im_end|>\n<|im_start|>user\n<|vision_start|><|image_pad|><|vision_end|>Go<|im_end|>\n<|im_start|>assistant\nleft<|im_end|>\n"
        );
    }

    #[test]
    fn json_messages_accept_string_and_part_lists() -> Result<(), serde_json::Error> {
        let m: Message = serde_json::from_str(
            r#"{"role":"user","content":[{"type":"text","text":"a"},{"type":"text","text":"b"}]}"#,
        )?;
        assert_eq!(render_parts(&m.content), "ab");
        let m: Message = serde_json::from_str(r#"{"role":"system","content":"x"}"#)?;
        assert_eq!(m, Message::system("x"));
        let bad: Result<Message, _> = serde_json::from_str(
            r#"{"role":"user","content":[{"type":"image","image":"/nonexistent.png"}]}"#,
        );
        assert!(bad.is_err_and(|e| e.to_string().contains("nonexistent")));
        Ok(())
    }
}
