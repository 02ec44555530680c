import Foundation
import Testing

@testable import SessionEngine

@Suite("XMLReader: a small, strict reader")
struct XMLReaderTests {
  @Test func readsElementsByLocalNameWithEntitiesAndCDATA() throws {
    let root = try XMLReader.parse(
      """
      \u{FEFF}<?xml version="1.0" encoding="UTF-8"?>
      <!-- a comment -->
      <s:Root xmlns:s="urn:x" a='1 &amp; 2' b="x&#10;y" c="p	q">
        <s:Name>Tom &amp; &quot;Jerry&quot; &lt;&gt; &apos;&#233;&#x1F600;</s:Name>
        <Unknown><Deep>ignored</Deep></Unknown>
        <Data><![CDATA[<not> &markup;]]> tail</Data>
        <Empty/>
        <?pi stays out?>
      </s:Root>
      """)
    #expect(root.localName == "Root")
    #expect(root.name == "s:Root")
    #expect(root.attribute("a") == "1 & 2")
    #expect(root.attribute("b") == "x\ny", "a character reference is not normalised")
    #expect(root.attribute("c") == "p q", "literal white space in attributes is")
    #expect(root.child("Name")?.text == "Tom & \"Jerry\" <> 'é😀")
    #expect(root.child("Data")?.text == "<not> &markup; tail")
    #expect(root.child("Empty")?.text == "")
    #expect(root.descendant(["Unknown", "Deep"])?.text == "ignored")
    #expect(root.children("Name").count == 1)
  }

  @Test(
    "malformed or hostile documents are refused",
    arguments: [
      "", "text", "<a>", "<a></b>", "<a><b></a></b>", "<a x=1/>", "<a x='1' x='2'/>",
      "<a>&unknown;</a>", "<a>&#0;</a>", "<a>&#xD800;</a>", "<a>& b</a>", "<a/><b/>",
      "<a/>trailing", "<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>", "<a x='<'/>",
      "<a><!ENTITY x 'y'></a>", "<a>]]></a>", "<a\u{01}/>", "<a><![CDATA[open</a>",
      "<a><!-- open</a>", "<a b='1'c='2'/>",
    ])
  func refuses(_ document: String) {
    #expect(throws: XMLReaderError.self) { try XMLReader.parse(document) }
  }

  @Test func refusesInvalidUTF8AndLimits() throws {
    #expect(throws: XMLReaderError.self) { try XMLReader.parse([0x3C, 0x61, 0xFF, 0x2F, 0x3E]) }
    let deep = String(repeating: "<a>", count: 100) + String(repeating: "</a>", count: 100)
    #expect(throws: XMLReaderError.self) { try XMLReader.parse(deep) }
    #expect(throws: XMLReaderError.self) {
      try XMLReader.parse(
        "<a>" + String(repeating: "x", count: 100) + "</a>", limits: .init(maxBytes: 50))
    }
    let many = "<a>" + String(repeating: "<b/>", count: 20) + "</a>"
    #expect(throws: XMLReaderError.self) {
      try XMLReader.parse(many, limits: .init(maxElements: 10))
    }
    #expect(try XMLReader.parse(many).children.count == 20)
  }

  @Test func errorsNameTheOffsetNotTheContent() {
    do {
      _ = try XMLReader.parse("<a><secret-token-value></a>")
      Issue.record("parsed")
    } catch {
      #expect(!error.description.contains("secret-token-value"))
      #expect(error.offset > 0)
    }
  }
}
