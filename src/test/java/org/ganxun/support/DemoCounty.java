package org.ganxun.support;

import org.ganxun.demo.DemoActivity;
import org.ganxun.demo.DemoDataLoader;

/**
 * The demo county and its activity, loaded at most once into the test database: the loader refuses a second county
 * with the same codes, and the test classes that need it (DemoDataLoaderTest, SettledPageBrowserTest) share one
 * application context and one database, in whichever order Surefire runs them.
 */
public final class DemoCounty {

    /** What the one load produced. */
    public record Loaded(DemoDataLoader.Summary summary, DemoActivity.Loaded activity) {
    }

    private static Loaded loaded;

    private DemoCounty() {
    }

    public static synchronized Loaded load(DemoDataLoader loader) {
        if (loaded == null) {
            DemoDataLoader.Summary summary = loader.load();
            loaded = new Loaded(summary, loader.loadActivity(summary));
        }
        return loaded;
    }
}
