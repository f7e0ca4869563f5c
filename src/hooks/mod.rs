//! Custom hooks, one per file.

pub mod use_analysis;
pub mod use_debounced;
pub mod use_document_title;
pub mod use_editor_actions;
pub mod use_focus_target;
pub mod use_lesson_shortcuts;
pub mod use_progress;
pub mod use_settings;
pub mod use_single_keys;
pub mod use_work;
