package dev.grounded.evaluation;

import dev.grounded.tenant.Permission;
import dev.grounded.tenant.Permissions;
import dev.grounded.tenant.TenantId;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** A tenant's stored evaluation datasets, by name (evaluation_dataset). Every query names the tenant. */
@Repository
public class EvaluationDatasets {

    public record DatasetSummary(String name, String version, int cases, Instant updatedAt) {}

    private static final TypeReference<List<EvalCase>> CASES = new TypeReference<>() {};

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;

    private final Permissions permissions;

    EvaluationDatasets(JdbcClient jdbc, JsonMapper json, Clock clock, Permissions permissions) {
        this.permissions = permissions;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Stores the dataset under its name, replacing one of the same name. */
    @Transactional
    public DatasetSummary save(TenantId tenant, EvalDataset dataset) {
        permissions.require(tenant, Permission.RUN_EVALUATIONS);
        Instant now = clock.instant();
        String cases = json.writeValueAsString(dataset.cases());
        int updated = jdbc.sql("""
                        update evaluation_dataset set version = :version, case_count = :count, cases = :cases,
                            updated_at = :now
                        where tenant_id = :tenant and name = :name
                        """)
                .param("version", dataset.version())
                .param("count", dataset.cases().size())
                .param("cases", cases)
                .param("now", Timestamp.from(now))
                .param("tenant", tenant.value())
                .param("name", dataset.name())
                .update();
        if (updated == 0) {
            jdbc.sql("""
                            insert into evaluation_dataset (tenant_id, name, version, case_count, cases, updated_at)
                            values (:tenant, :name, :version, :count, :cases, :now)
                            """)
                    .param("tenant", tenant.value())
                    .param("name", dataset.name())
                    .param("version", dataset.version())
                    .param("count", dataset.cases().size())
                    .param("cases", cases)
                    .param("now", Timestamp.from(now))
                    .update();
        }
        return new DatasetSummary(
                dataset.name(), dataset.version(), dataset.cases().size(), now);
    }

    public List<DatasetSummary> list(TenantId tenant) {
        return jdbc.sql("""
                        select name, version, case_count, updated_at from evaluation_dataset
                        where tenant_id = :tenant
                        order by name
                        """)
                .param("tenant", tenant.value())
                .query((rs, n) -> new DatasetSummary(
                        rs.getString("name"),
                        rs.getString("version"),
                        rs.getInt("case_count"),
                        rs.getTimestamp("updated_at").toInstant()))
                .list();
    }

    public Optional<EvalDataset> find(TenantId tenant, String name) {
        return jdbc.sql("""
                        select name, version, cases from evaluation_dataset
                        where tenant_id = :tenant and name = :name
                        """)
                .param("tenant", tenant.value())
                .param("name", name)
                .query((rs, n) -> new EvalDataset(
                        rs.getString("name"), rs.getString("version"), json.readValue(rs.getString("cases"), CASES)))
                .optional();
    }

    /** @return whether there was such a dataset; its stored runs stay */
    public boolean delete(TenantId tenant, String name) {
        permissions.require(tenant, Permission.RUN_EVALUATIONS);
        return jdbc.sql("""
                        delete from evaluation_dataset
                        where tenant_id = :tenant and name = :name
                        """).param("tenant", tenant.value()).param("name", name).update() > 0;
    }
}
