package org.ganxun.support;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

import org.junit.jupiter.api.Tag;
import org.springframework.test.context.TestPropertySource;

/**
 * A benchmark on the generated province ({@link ProvinceData}): the bundled PostgreSQL keeps its data under
 * {@code target/bench-data/province_<cadres>_<entries per cadre>} (not the per-run test directory), one server per size, so the data set is generated
 * once and shared by every province benchmark and every later run. Sizes: {@code -Dbench.cadres=1000000
 * -Dbench.entriesPerCadre=30}; another directory: {@code -Dbench.dataDir=/somewhere}.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@Tag("benchmark")
@TestPropertySource(properties = {
        "ganxun.embedded-db.data-dir=${bench.dataDir:target/bench-data}/province_${bench.cadres:200000}_${bench.entriesPerCadre:30}/pg",
        "ganxun.embedded-db.database=province",
        // the database keeps what it was written with: the key stays beside it, not in the per-run test directory
        "ganxun.crypto.key-file=${bench.dataDir:target/bench-data}/province_${bench.cadres:200000}_${bench.entriesPerCadre:30}/secret.key"})
public @interface ProvinceBenchmark {
}
