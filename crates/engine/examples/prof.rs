fn main() {
    let t = include_str!("../benches/fixtures/typical.Dockerfile");
    let n: usize = std::env::args()
        .nth(1)
        .map_or(200000, |s| s.parse().unwrap());
    let start = std::time::Instant::now();
    let mut k = 0;
    for _ in 0..n {
        let p = fromlab_engine::syntax::parse(std::hint::black_box(t));
        k += p.nodes().len();
        std::mem::forget(p);
    }
    let a = start.elapsed();
    let start = std::time::Instant::now();
    for _ in 0..n {
        let p = fromlab_engine::syntax::parse(std::hint::black_box(t));
        k += p.nodes().len();
    }
    let b = start.elapsed();
    println!(
        "{k} no-drop {:?}/iter, with drop {:?}/iter",
        a / n as u32,
        b / n as u32
    );
}
