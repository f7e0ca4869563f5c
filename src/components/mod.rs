//! Reusable pieces of the interface, one component per file.

pub mod code_block;
pub mod confirm_button;
pub mod copy_button;
pub mod doc_view;
pub mod dockerfile_editor;
pub mod highlight;
pub mod lesson_pager;
pub mod lesson_sidebar;
pub mod notice;
pub mod progress_notice;
pub mod progress_provider;
pub mod quiz;
pub mod quiz_challenge;
pub mod quiz_choice;
pub mod quiz_review;
pub mod quiz_text;
pub mod read_mark;
pub mod read_toggle;
pub mod route_link;
pub mod site_footer;
pub mod site_header;
pub mod skip_link;
