"""Developer scripts: benchmarks, the scale corpus, tuning."""
