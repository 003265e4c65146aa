export const FHIR_NAMESPACE = "http://hl7.org/fhir";
export const XHTML_NAMESPACE = "http://www.w3.org/1999/xhtml";

/** Text made safe for XML attribute values and character data. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;");
}
