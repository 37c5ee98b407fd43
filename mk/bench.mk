# mk/bench.mk — `make bench`: builds the CLI and bench/bench_stats, then bench/run.sh codes the shared corpora
# with the full Phoenix dictionaries and writes bench/results.txt. Needs ../shared; not part of `make check`.
$(O)/bench/bench_stats: bench/bench_stats.c $(O)/libfactum.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(O)/libfactum.a $(LDFLAGS) $(LDLIBS)

bench: $(O)/factum $(O)/bench/bench_stats data
	bash bench/run.sh $(O)
