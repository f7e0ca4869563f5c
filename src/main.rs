//! The app module: the whole interface (see `lib.rs`).

fn main() {
    fromlab_app::start_app();
}
