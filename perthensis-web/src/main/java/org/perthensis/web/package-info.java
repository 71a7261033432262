/**
 * Task type {@code web}: {@link org.perthensis.web.WebProvider} and its config record; the
 * rest of the package is the server behind it.
 */
package org.perthensis.web;
