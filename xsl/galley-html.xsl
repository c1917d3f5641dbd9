<?xml version="1.0" encoding="UTF-8"?>
<!--
  galley-html.xsl: galley's customization of the docbook-xsl-ns HTML
  stylesheet, for the DocBook that galley-docbook(1) writes.  One HTML
  file, in UTF-8:

    xsltproc -o book.html /usr/local/share/galley/xsl/galley-html.xsl book.xml

  See galley-common.xsl for what it changes.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform">

<xsl:import href="/usr/share/xml/docbook/stylesheet/docbook-xsl-ns/html/docbook.xsl"/>
<xsl:include href="galley-common.xsl"/>

<xsl:output method="html" encoding="UTF-8" indent="no"/>

<xsl:param name="galley.ns" select="''"/>
<xsl:param name="chunker.output.encoding">UTF-8</xsl:param>
<xsl:param name="make.clean.html" select="1"/>
<xsl:param name="para.propagates.style" select="1"/>
<!-- The style sheet is in the head (user.head.content): no docbook.css. -->
<xsl:param name="docbook.css.source"/>
<xsl:param name="docbook.css.link" select="0"/>

</xsl:stylesheet>
