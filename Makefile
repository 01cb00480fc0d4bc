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

clean:
	$(MVN) clean
	rm -rf data
