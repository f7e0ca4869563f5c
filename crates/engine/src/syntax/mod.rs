//! Dockerfile syntax: a lossless, total parser (in progress).
