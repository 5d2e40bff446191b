package org.ganxun.platform.security;

/**
 * The data scope of the user behind the current request. Implemented by the org module, which owns the
 * trees the scope's paths come from; modules that may not depend on org (audit) use this instead.
 */
public interface CurrentScope {

    DataScope current();
}
