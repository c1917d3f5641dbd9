<?xml version="1.0" encoding="UTF-8"?>
<!--
  galley-common.xsl: the part of galley's docbook-xsl customization layer
  shared by galley-html.xsl and galley-epub3.xsl, which include it after
  importing the docbook-xsl-ns stylesheets.  It renders the DocBook that
  galley-docbook(1) writes:

  - a run-in head (formalpara/title) ending in CJK punctuation gets
    neither the ASCII "." that docbook-xsl appends to run-in titles nor
    the no-break space after it;
  - the byline (para role="byline") is shown as written, set apart from
    the text, and the article's title page leaves out the author group
    that repeats its names;
  - the title's lead-in (phrase role="label") is set in a lighter weight;
  - fonts fit for Chinese, Japanese and Korean as well as Latin text.

  galley.ns is the namespace of the HTML written: none for html/, XHTML
  for epub3/.  Each importing stylesheet sets it.
-->
<xsl:stylesheet version="1.0"
    xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
    xmlns:d="http://docbook.org/ns/docbook"
    exclude-result-prefixes="d">

<!-- CJK punctuation that ends a run-in head by itself. -->
<xsl:param name="galley.cjk.title.end.punct">。！？：；，、．</xsl:param>

<!-- docbook-xsl's own test, extended to CJK full stops and colons. -->
<xsl:param name="runinhead.title.end.punct">.!?:。！？：；</xsl:param>

<!--
  Fonts: Latin letters in Noto Serif, Han characters in the Noto or
  Source Han face of the text's language (the glyphs of zh-Hans,
  zh-Hant, ja and ko differ), then the usual system faces.  Chinese and
  Japanese paragraphs are indented by two characters, bylines,
  datelines and credits not.
-->
<xsl:param name="galley.css">
body { font-family: "Noto Serif", "Noto Serif CJK SC", "Source Han Serif SC",
  "Songti SC", "SimSun", serif; line-height: 1.7; }
:lang(ja) { font-family: "Noto Serif", "Noto Serif CJK JP",
  "Source Han Serif JP", "Hiragino Mincho ProN", "Yu Mincho", serif; }
:lang(ko) { font-family: "Noto Serif", "Noto Serif CJK KR",
  "Source Han Serif KR", "AppleMyungjo", "Batang", serif; }
:lang(zh-Hant), :lang(zh-TW), :lang(zh-HK) { font-family: "Noto Serif",
  "Noto Serif CJK TC", "Source Han Serif TC", "Songti TC", "PMingLiU",
  serif; }
:lang(zh) p, :lang(ja) p { text-indent: 2em; }
p.byline, p.dateline, p.credit, p.subtitle { text-indent: 0; }
p.byline { color: #444; font-size: 0.95em; }
p.credit { color: #555; font-size: 0.85em; }
span.label { font-weight: normal; }
</xsl:param>

<xsl:template name="user.head.content">
  <xsl:element name="style" namespace="{$galley.ns}">
    <xsl:attribute name="type">text/css</xsl:attribute>
    <xsl:value-of select="$galley.css"/>
  </xsl:element>
</xsl:template>

<!--
  The run-in head: as docbook-xsl's template (html/block.xsl), but a head
  ending in CJK punctuation needs no added stop and no space after it.
-->
<xsl:template match="d:formalpara/d:title|d:formalpara/d:info/d:title">
  <xsl:variable name="titleStr">
    <xsl:apply-templates/>
  </xsl:variable>
  <xsl:variable name="lastChar">
    <xsl:if test="$titleStr != ''">
      <xsl:value-of select="substring($titleStr, string-length($titleStr), 1)"/>
    </xsl:if>
  </xsl:variable>
  <xsl:variable name="cjk"
      select="$lastChar != '' and contains($galley.cjk.title.end.punct, $lastChar)"/>
  <xsl:variable name="tag">
    <xsl:choose>
      <xsl:when test="$make.clean.html != 0">span</xsl:when>
      <xsl:otherwise>b</xsl:otherwise>
    </xsl:choose>
  </xsl:variable>
  <xsl:element name="{$tag}" namespace="{$galley.ns}">
    <xsl:if test="$make.clean.html != 0">
      <xsl:attribute name="class">formalpara-title</xsl:attribute>
    </xsl:if>
    <xsl:copy-of select="$titleStr"/>
    <xsl:if test="$lastChar != '' and not($cjk)
                  and not(contains($runinhead.title.end.punct, $lastChar))">
      <xsl:value-of select="$runinhead.default.title.end.punct"/>
    </xsl:if>
    <xsl:if test="not($cjk)">
      <xsl:text>&#160;</xsl:text>
    </xsl:if>
  </xsl:element>
</xsl:template>

<!-- The byline already names the authors: no second list of them. -->
<xsl:template match="d:article[d:para[@role = 'byline']]/d:info/d:authorgroup
                     | d:article[d:para[@role = 'byline']]/d:info/d:author"
    mode="article.titlepage.recto.auto.mode"/>

</xsl:stylesheet>
