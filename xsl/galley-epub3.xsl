<?xml version="1.0" encoding="UTF-8"?>
<!--
  galley-epub3.xsl: galley's customization of the docbook-xsl-ns EPUB 3
  stylesheet, for the DocBook that galley-docbook(1) writes.  As with
  epub3/chunk.xsl, it writes the files of the EPUB under the directory
  given as the base.dir parameter (xsltproc's stringparam option); zip
  them with the mimetype first and stored, then META-INF and OEBPS.
  galley-docbook(1) shows the commands.

  See galley-common.xsl for what it changes.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

<xsl:import href="/usr/share/xml/docbook/stylesheet/docbook-xsl-ns/epub3/chunk.xsl"/>
<xsl:include href="galley-common.xsl"/>

<xsl:param name="galley.ns" select="'http://www.w3.org/1999/xhtml'"/>
<xsl:param name="chunker.output.encoding">UTF-8</xsl:param>
<xsl:param name="make.clean.html" select="1"/>
<xsl:param name="para.propagates.style" select="1"/>
<!-- The style sheet is in the head (user.head.content): no docbook.css. -->
<xsl:param name="docbook.css.source"/>
<xsl:param name="docbook.css.link" select="0"/>

</xsl:stylesheet>
