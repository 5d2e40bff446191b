package org.ganxun;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.ganxun.platform.db.ScopedTables;
import org.ganxun.platform.db.TableOwners;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.ApplicationModule;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/**
 * Keeps module boundaries honest: no cycles, no reaching into another module's internals, and no module naming
 * in its SQL a table it does not own ({@link TableOwners}) other than a view its owner publishes.
 */
class ModularityTest {

    private static final Path SOURCES = Path.of("src/main/java/org/ganxun");
    private static final Path MIGRATIONS = Path.of("src/main/resources/db/migration");
    /** Tables created by a library rather than a migration. */
    private static final Set<String> OUTSIDE_MIGRATIONS = Set.of(
            "event_publication"); // Spring Modulith's event publication registry (schema initialization)

    /**
     * The SQL that still names another module's table: module → table, why, and what removes it. This list may
     * only shrink: an entry no longer needed fails the test, so remove it when its cause is gone. Do not add to it;
     * read through the owner's query methods or a view it publishes ({@link TableOwners}). Empty since issue 19's
     * last entries went (session 11); kept so that a new exception has to be written here with its reason.
     */
    private static final Map<String, String> ALLOWED = allowed();

    private final ApplicationModules modules = ApplicationModules.of(GanxunApplication.class);

    @Test
    void modulesRespectTheirBoundaries() {
        modules.verify();
    }

    @Test
    void everyTableOfTheMigrationsHasExactlyOneOwner() {
        Set<String> schema = SqlTableUses.schemaNames(MIGRATIONS);
        Map<String, List<String>> owners = new TreeMap<>();
        TableOwners.byModule().forEach((module, owned) -> {
            Stream.concat(owned.tables().stream(), owned.views().stream())
                    .forEach(t -> owners.computeIfAbsent(t, k -> new ArrayList<>()).add(module));
        });
        assertThat(schema).as("tables of the migrations with no owner in TableOwners: add each to its module's line")
                .allMatch(owners::containsKey);
        assertThat(owners).as("tables owned by two modules").allSatisfy((t, m) -> assertThat(m).as(t).hasSize(1));
        Set<String> known = new HashSet<>(schema);
        known.addAll(OUTSIDE_MIGRATIONS);
        assertThat(owners.keySet()).as("TableOwners names a table or view no migration creates").allMatch(known::contains);
        TableOwners.byModule().forEach((module, owned) -> {
            assertThat(modules.getModuleByName(module)).as("TableOwners names a module that does not exist: " + module).isPresent();
            Set<String> viewsAreViews = new HashSet<>(owned.views());
            viewsAreViews.retainAll(owned.tables());
            assertThat(viewsAreViews).as(module + " lists a name both as table and view").isEmpty();
        });
    }

    @Test
    void personalDataTablesAreTheirModulesOwn() throws Exception {
        for (ScopedTables scoped : declaredScopedTables()) {
            Set<String> owned = new HashSet<>(TableOwners.byModule().get(scoped.module()).tables());
            owned.addAll(TableOwners.byModule().get(scoped.module()).views());
            assertThat(owned).as(scoped.module() + " declares personal-data tables it does not own").containsAll(scoped.tables());
        }
        // a published view over personal data is itself declared, so that reads through it need the scope mark
        Set<String> scoped = declaredScopedTables().stream().flatMap(s -> s.tables().stream()).collect(Collectors.toSet());
        Map<String, Set<String>> bases = SqlTableUses.viewBases(MIGRATIONS);
        bases.forEach((view, tables) -> {
            if (tables.stream().anyMatch(scoped::contains)) {
                assertThat(scoped).as("the view " + view + " reads personal data (" + tables + "): declare it in its owner's ScopedTables")
                        .contains(view);
            }
        });
        assertThat(bases).containsKeys("cadre_card", "account_name");
    }

    @Test
    void modulesNameOnlyTheirOwnTablesAndPublishedViewsInSql() {
        Set<String> known = new HashSet<>(SqlTableUses.schemaNames(MIGRATIONS));
        known.addAll(OUTSIDE_MIGRATIONS);
        Map<String, Set<String>> violations = crossModuleUses(known);
        Set<String> found = new TreeSet<>();
        violations.forEach((use, files) -> found.add(use));
        Set<String> unexpected = new TreeSet<>(found);
        unexpected.removeAll(ALLOWED.keySet());
        Set<String> stale = new TreeSet<>(ALLOWED.keySet());
        stale.removeAll(found);
        StringBuilder report = new StringBuilder();
        for (String use : unexpected) {
            String table = use.substring(use.indexOf("→ ") + 2);
            String owner = TableOwners.ownerOf(table).orElse(null);
            report.append("\n  ").append(use).append("  in ").append(violations.get(use))
                    .append(owner == null ? "  (no owner: add the table to TableOwners)"
                            : "  (owner " + owner + (TableOwners.byModule().get(owner).views().isEmpty() ? ""
                                    : ", publishing " + new TreeSet<>(TableOwners.byModule().get(owner).views())) + ")");
        }
        assertThat(unexpected)
                .as("SQL naming another module's table (read through the owner's query methods or a view it publishes, TableOwners):"
                        + report)
                .isEmpty();
        assertThat(stale).as("allow-list entries no longer needed: remove them from ModularityTest.ALLOWED").isEmpty();
    }

    @Test
    void writesModuleDocumentation() throws IOException {
        // the canvases read the Javadoc that spring-modulith-apt extracts; Spring Boot's BasicJsonParser (used when
        // Jackson 2 is absent, as under Boot 4) breaks on an escaped quote inside a comment, so those become apostrophes
        Path javadoc = Path.of("target/generated-spring-modulith/javadoc.json");
        if (Files.exists(javadoc)) {
            Files.writeString(javadoc, Files.readString(javadoc).replace("\\\"", "'"));
        }
        Documenter.Options options = Documenter.Options.defaults().withOutputFolder("docs/modules").withoutClean();
        new Documenter(modules, options)
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases()
                .writeAggregatingDocument();
        Files.writeString(Path.of("docs/modules/tables.md"), tablesDocument());
        // the diagrams list their relations in no fixed order: sorted, the committed files change only when the modules do
        try (Stream<Path> pumls = Files.list(Path.of("docs/modules"))) {
            for (Path puml : pumls.filter(p -> p.toString().endsWith(".puml")).toList()) {
                Files.writeString(puml, sortedRelations(Files.readString(puml)));
            }
        }
        // each module's canvas also says what it owns
        Set<String> personal = declaredScopedTables().stream().flatMap(s -> s.tables().stream()).collect(Collectors.toSet());
        for (var e : TableOwners.byModule().entrySet()) {
            Path canvas = Path.of("docs/modules/module-" + e.getKey() + ".adoc");
            if (Files.exists(canvas)) {
                String text = Files.readString(canvas).stripTrailing();
                if (text.endsWith("|===")) {
                    String rows = "|Tables owned (TableOwners)\n|" + list(e.getValue().tables(), personal) + "\n"
                            + "|Views published\n|" + (e.getValue().views().isEmpty() ? "none" : list(e.getValue().views(), personal)) + "\n";
                    Files.writeString(canvas, text.substring(0, text.length() - 4) + rows + "|===\n");
                }
            }
        }
    }

    /** The text with each run of consecutive {@code Rel(…)} lines sorted. */
    static String sortedRelations(String text) {
        List<String> out = new ArrayList<>();
        List<String> run = new ArrayList<>();
        for (String line : text.split("\n", -1)) {
            if (line.startsWith("Rel(")) {
                run.add(line);
                continue;
            }
            run.sort(null);
            out.addAll(run);
            run.clear();
            out.add(line);
        }
        run.sort(null);
        out.addAll(run);
        return String.join("\n", out);
    }

    /** docs/modules/tables.md: each module's description and what it owns, from package-info and TableOwners. */
    private String tablesDocument() {
        StringBuilder md = new StringBuilder("""
                # Who owns which table

                Generated by `ModularityTest` from `platform.db.TableOwners` (the map) and each module's `package-info.java`
                (the description); do not edit by hand. Only the owner's SQL names its tables; other modules read through the
                owner's query methods or the views it publishes. Tables of personal data (`ScopedTables`) are marked *personal*.

                """);
        Set<String> personal = declaredScopedTables().stream().flatMap(s -> s.tables().stream()).collect(Collectors.toSet());
        TableOwners.byModule().forEach((module, owned) -> {
            md.append("## ").append(module).append("\n\n").append(description(module)).append("\n\n");
            md.append("- tables: ").append(list(owned.tables(), personal)).append('\n');
            md.append("- published views: ").append(owned.views().isEmpty() ? "none" : list(owned.views(), personal)).append("\n\n");
        });
        md.append("## Still read across (to be removed)\n\n");
        if (ALLOWED.isEmpty()) {
            md.append("None.\n");
        }
        ALLOWED.forEach((use, why) -> md.append("- `").append(use).append("`: ").append(why).append('\n'));
        return md.toString();
    }

    private static String list(Set<String> names, Set<String> personal) {
        return names.stream().sorted().map(t -> "`" + t + "`" + (personal.contains(t) ? " *personal*" : ""))
                .collect(Collectors.joining(", "));
    }

    /** The module's package-info Javadoc, first paragraph, as one line. */
    private static String description(String module) {
        Path info = SOURCES.resolve(module).resolve("package-info.java");
        try {
            String text = Files.readString(info);
            int start = text.indexOf("/**");
            int end = text.indexOf("*/");
            if (start < 0 || end < 0) {
                return "";
            }
            String doc = text.substring(start + 3, end).replaceAll("(?m)^\\s*\\* ?", "").strip();
            int p = doc.indexOf("<p>");
            doc = p < 0 ? doc : doc.substring(0, p);
            return doc.replaceAll("\\{@link\\s+(?:[\\w.]+\\.)?([\\w#()]+)[^}]*}", "`$1`").replaceAll("\\{@code\\s+([^}]*)}", "`$1`")
                    .replaceAll("\\s+", " ").strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** "module → table" → the files whose SQL names a table the module does not own and may not read as a view. */
    private Map<String, Set<String>> crossModuleUses(Set<String> known) {
        Map<String, Set<String>> uses = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
                String module = SOURCES.relativize(f).getName(0).toString();
                if (module.endsWith(".java")) {
                    continue;
                }
                Set<String> mayRead = mayDependOn(module);
                for (String table : SqlTableUses.tablesNamed(Files.readString(f), known)) {
                    String owner = TableOwners.ownerOf(table).orElse("?");
                    boolean own = owner.equals(module);
                    boolean publishedView = !own && TableOwners.byModule().containsKey(owner)
                            && TableOwners.byModule().get(owner).views().contains(table) && mayRead.contains(owner);
                    if (!own && !publishedView) {
                        uses.computeIfAbsent(module + " → " + table, k -> new TreeSet<>()).add(f.getFileName().toString());
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return uses;
    }

    /** The modules a module may depend on, as its package-info declares (platform may be used by all). */
    private static Set<String> mayDependOn(String module) {
        Set<String> deps = new LinkedHashSet<>();
        deps.add("platform");
        try {
            ApplicationModule declared = Class.forName("org.ganxun." + module + ".package-info").getAnnotation(ApplicationModule.class);
            if (declared != null) {
                deps.addAll(List.of(declared.allowedDependencies()));
            }
        } catch (ClassNotFoundException e) {
            // no package-info: depends on nothing but the platform
        }
        return deps;
    }

    /** Every module's ScopedTables bean, made by calling its *PersonalData configuration's bean methods. */
    private static List<ScopedTables> declaredScopedTables() {
        List<ScopedTables> all = new ArrayList<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path f : files.filter(p -> p.getFileName().toString().endsWith("PersonalData.java")).toList()) {
                String name = "org.ganxun." + SOURCES.relativize(f).toString().replace('/', '.').replaceAll("\\.java$", "");
                Class<?> config = Class.forName(name);
                Constructor<?> c = config.getDeclaredConstructor();
                c.setAccessible(true);
                Object instance = c.newInstance();
                for (Method m : config.getDeclaredMethods()) {
                    if (m.getReturnType() == ScopedTables.class && m.getParameterCount() == 0) {
                        m.setAccessible(true);
                        all.add((ScopedTables) m.invoke(instance));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
        return all;
    }

    /** Pairs of "module → table", "why, and what removes it". */
    private static Map<String, String> allowed(String... pairs) {
        Map<String, String> m = new TreeMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            m.put(pairs[i], pairs[i + 1]);
        }
        return m;
    }
}
