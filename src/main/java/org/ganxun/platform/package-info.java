/**
 * Shared infrastructure every module may use: the bundled PostgreSQL, the signed-in user and their data
 * scope, field encryption for sensitive data, and the API error shape. Owns no business data.
 */
@org.springframework.modulith.ApplicationModule(type = org.springframework.modulith.ApplicationModule.Type.OPEN)
package org.ganxun.platform;
