# Gatehouse. `make run` builds when needed and serves on the embedded database; `make test` runs every test.
MVN ?= mvn -B -q
JAR := target/gatehouse.jar
# Class-data sharing archive: the JVM maps the classes a start-up loads instead of parsing them
# again, which takes start-up to /health from about 2.6 s to 1.5 s on a 2-core machine.
CDS := target/gatehouse.jsa
SOURCES := $(shell find src/main templates static -type f 2>/dev/null) pom.xml
# JVM settings chosen with make bench (resident memory after the run ~700 MiB with the JVM's defaults on a
# 24 GB machine): the serial collector (one small heap, no G1 remembered sets; pauses of a few ms), a
# heap bound that holds the bounded caches with room to spare, smaller thread stacks and code cache, and
# later optimising compiles (Tier4 thresholds ~3x the defaults): during start-up the C2 compiler took
# ~0.9 s of CPU on the same two cores, 0.5-0.6 s with them; hot paths still reach C2 within seconds.
# H2 reads and writes its file through heap buffers, which the JDK copies through a temporary direct buffer
# that each thread keeps, of any size: capped at 64 KB (a commit writes 10-25 KB), a server's direct memory
# under sustained load stayed under 4 MB instead of growing to ~24 MB. The C heap trimmed every 5 s: glibc keeps
# what the JIT compilers free; resident memory under sustained load ~280 instead of ~315 MiB, after a bench
# run 216 instead of 258 MiB (each trim 7-45 ms, on a thread of its own; experimental in JDK 17).
# The README's java line, the Containerfile and deploy/gatehouse.service use the same settings (JvmSettingsTest).
JAVA_OPTS ?= -XX:+UseSerialGC -Xms32m -Xmx128m -Xss512k -XX:MaxMetaspaceSize=128m -XX:ReservedCodeCacheSize=64m -XX:Tier4InvocationThreshold=15000 -XX:Tier4CompileThreshold=45000 -XX:Tier4MinInvocationThreshold=2000 -Djdk.nio.maxCachedBufferSize=65536 -XX:+UnlockExperimentalVMOptions -XX:TrimNativeHeapInterval=5000

.PHONY: run test jar clean bench e2e

run: $(JAR) $(CDS)
	java $(JAVA_OPTS) -XX:SharedArchiveFile=$(CDS) -jar $(JAR)

jar: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) -DskipTests package

# A training start with a few requests on a throw-away data dir; the JVM writes the archive when it exits.
$(CDS): $(JAR) deploy/cds-training.sh
	@JAVA_OPTS="$(JAVA_OPTS)" deploy/cds-training.sh $(JAR) $(CDS) 2> target/cds.log \
	  || echo "make: no class-data archive made (see target/cds.log); Gatehouse starts without it"

# Unit, HTTP, browser and MariaDB tests (about 5 minutes on 2 cores).
test:
	mvn -B test

# End to end, a few minutes, so not part of `make test` (.ci/run calls it after the tests): the built jar as an
# operator runs it (JarIT, the README's API walk-through, commands beside a running server, first
# administrator), then compose.yaml built and run with podman (images, two instances, MariaDB, nginx).
e2e:
	mvn -B verify -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
	.ci/e2e

# Side-by-side costs (token algorithms, page vs health, cached session check, login), as ratios.
# Then a wrk throughput table against the built jar (started with JAVA_OPTS) holding 10,000 members, written
# to target/bench/results.md and .json. BENCH_JFR=file.jfr records the server with Flight Recorder;
# BENCH_REFRESH_WARM_UP=60 refreshes for a minute before the refresh row (2 s by default) to measure it warm.
BENCH_REFRESH_WARM_UP ?= 2
bench: $(JAR) $(CDS)
	$(MVN) -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
	java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -Dbench.jvm="$(JAVA_OPTS)" -Dbench.jar=$(JAR) -Dbench.cds=$(CDS) \
	  -Dbench.jfr="$(BENCH_JFR)" -Dbench.refreshWarmUp=$(BENCH_REFRESH_WARM_UP) -cp target/classes:target/test-classes:$$(cat target/bench.classpath) gatehouse.bench.Bench

clean:
	$(MVN) clean
	rm -rf data
