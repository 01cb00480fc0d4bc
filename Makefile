# Gatehouse. `make run` builds when needed and serves on the embedded database; `make test` runs every test.
MVN ?= mvn -B -q
JAR := target/gatehouse.jar
SOURCES := $(shell find src/main templates static -type f 2>/dev/null) pom.xml

.PHONY: run test jar clean bench

run: $(JAR)
	java -jar $(JAR)

jar: $(JAR)

$(JAR): $(SOURCES)
	$(MVN) -DskipTests package

# `verify` runs the unit tests, builds the jar, then the tests that start the jar itself.
test:
	mvn -B verify

# Side-by-side costs (token algorithms, page vs health, cached session check, login), as ratios.
bench:
	$(MVN) -DskipTests test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
	java -Dorg.slf4j.simpleLogger.defaultLogLevel=warn -cp target/classes:target/test-classes:$$(cat target/bench.classpath) gatehouse.bench.Bench

clean:
	$(MVN) clean
	rm -rf data
