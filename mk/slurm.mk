# mk/slurm.mk — `make check-slurm`: installs slurm-wlm and munge when missing,
# then runs tests/t_slurm.sh with the cluster part on (a single-node cluster
# and PostgreSQL in a temp dir, the corpus from ../shared; see deploy/slurm/README.md).
SLURM_APT := slurm-wlm munge

.PHONY: check-slurm
check-slurm: $(O)/factum data
	@missing=; for p in $(SLURM_APT); do \
	   dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q 'install ok installed' || missing="$$missing $$p"; \
	 done; \
	 if [ -n "$$missing" ]; then \
	   echo "installing$$missing"; SUDO=; [ "$$(id -u)" = 0 ] || SUDO=sudo; \
	   $$SUDO apt-get update -qq && DEBIAN_FRONTEND=noninteractive $$SUDO apt-get install -y -qq \
	     --no-install-recommends $$missing >/dev/null || exit 1; \
	 fi
	@out=$$(FACTUM_BUILD=$(O) FACTUM=$(CURDIR)/$(O)/factum FACTUM_TEST_SLURM=1 bash tests/t_slurm.sh); rc=$$?; \
	 printf '%s\n' "$$out"; \
	 if [ $$rc != 0 ] || printf '%s\n' "$$out" | grep -q '^not ok'; then echo "check-slurm: FAILED"; exit 1; fi; \
	 if printf '%s\n' "$$out" | grep -q '# SKIP'; then echo "check-slurm: cluster run skipped"; exit 1; fi; \
	 echo "check-slurm: $$(printf '%s\n' "$$out" | grep -c '^ok') passed, 0 failed"
