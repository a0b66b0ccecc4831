/**
 * Small values shared by every package: addresses, roles, link targets and settings, link failure reasons. Depends
 * on nothing.
 */
package io.sentinel.core.model;
