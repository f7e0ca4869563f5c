//! The lessons module: what the home page and the lessons need, loaded first (see
//! `lib.rs`).

fn main() {
    fromlab_app::start_lessons();
}
