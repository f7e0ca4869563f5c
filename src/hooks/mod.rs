//! Custom hooks, one per file.

pub mod use_document_title;
pub mod use_focus_target;
pub mod use_lesson_shortcuts;
pub mod use_progress;
