# mk/store2.mk — bench/store_gen (the generator behind bench/store_bench.sh, which builds a 1M-event store from
# an ingested corpus). Not part of `make check` or `make all`: `make O=... $(O)/bench/store_gen`.
$(O)/bench/store_gen: bench/store_gen.c $(O)/libfactum.a
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) -o $@ $< $(O)/libfactum.a $(LDFLAGS) $(LDLIBS)
