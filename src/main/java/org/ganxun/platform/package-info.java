/**
 * Shared infrastructure every module may use: the bundled PostgreSQL, the signed-in user and their data
 * scope, field encryption for sensitive data, the API error shape, and the spreadsheet-import building
 * blocks of {@code platform.excel} (upload checks, streaming reading, cell text, error reports). Owns no
 * business data.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.ganxun.platform;
