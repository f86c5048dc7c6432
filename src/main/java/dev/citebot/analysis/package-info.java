/**
 * The analyzers of citebot's own text fields, shared by the local Lucene index and the Solr plugin
 * jar ({@code target/citebot-*-solr-plugin.jar}, these classes only): what a passage's words become
 * must not depend on where it is indexed. Uses nothing else of citebot.
 */
package dev.citebot.analysis;
