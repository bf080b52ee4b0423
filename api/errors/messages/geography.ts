/** Texts of the area geometry import and the result publications (api/geography). */
import type { Messages } from '../catalogue';

type Level = 'district' | 'subdistrict';
const levelName: Record<Level, { de: string; en: string }> = { district: { de: 'Bezirke', en: 'districts' }, subdistrict: { de: 'Teilbezirke', en: 'sub-districts' } };
const where = (p: { polygon?: number; ring?: number }) => ({
  de: `${p.polygon && p.polygon > 1 ? `Polygon ${p.polygon}, ` : ''}Ring ${p.ring ?? 1}`,
  en: `${p.polygon && p.polygon > 1 ? `polygon ${p.polygon}, ` : ''}ring ${p.ring ?? 1}`,
});

export const geographyMessages = {
  'geography.fileTooLarge': (p: { kb: number }) => ({ de: `Die Datei ist zu groß (höchstens ${p.kb} KB).`, en: `The file is too large (${p.kb} KB at most).` }),
  'geography.notJson': (p: { reason: string }) => ({ de: `Die Datei ist kein lesbares GeoJSON: ${p.reason}`, en: `The file is no readable GeoJSON: ${p.reason}` }),
  'geography.unsupportedCrs': (p: { crs: string }) => ({
    de: `Koordinatensystem ${p.crs} wird nicht unterstützt. Bitte WGS 84 (EPSG:4326) oder ETRS89/UTM 32N (EPSG:25832) verwenden.`,
    en: `Coordinate system ${p.crs} is not supported. Please use WGS 84 (EPSG:4326) or ETRS89/UTM 32N (EPSG:25832).`,
  }),
  'geography.noFrame': { de: 'Es gibt noch keine Auswahlgrundlage, gegen deren Gebiete die Namen geprüft werden können.', en: 'There is no frame yet to check the area names against.' },
  'geography.noSubdistricts': { de: 'Die Auswahlgrundlage hat keine Teilbezirke.', en: 'The frame has no sub-districts.' },
  'geography.refused': (p: { count: number; level: Level }) => ({
    de: `Die Gebietsgrenzen (${levelName[p.level]?.de ?? p.level}) wurden nicht übernommen: ${p.count} ${p.count === 1 ? 'Problem' : 'Probleme'}. Es wurde nichts gespeichert.`,
    en: `The boundaries (${levelName[p.level]?.en ?? p.level}) were not accepted: ${p.count} ${p.count === 1 ? 'problem' : 'problems'}. Nothing was stored.`,
  }),
  'geography.versionTaken': { de: 'Gerade wurde eine andere Version gespeichert. Bitte erneut hochladen.', en: 'Another version was stored a moment ago. Please upload again.' },
  'geography.noGeometry': (p: { level: Level }) => ({
    de: `Es sind noch keine Gebietsgrenzen (${levelName[p.level]?.de ?? p.level}) importiert.`,
    en: `No boundaries (${levelName[p.level]?.en ?? p.level}) have been imported yet.`,
  }),
  'geography.waveNotFound': (p: { wave: number }) => ({ de: `Es gibt keine Ziehung der Welle ${p.wave}.`, en: `There is no draw of wave ${p.wave}.` }),
  'geography.notPublished': { de: 'Diese Ergebnisse sind nicht (mehr) veröffentlicht.', en: 'These results are not (or no longer) published.' },
  'geography.publicationNotFound': { de: 'Diese Veröffentlichung gibt es nicht oder sie ist schon zurückgezogen.', en: 'This publication does not exist or was already withdrawn.' },

  // One problem of a boundary file (the refusal's report).
  'geography.problem.notCollection': { de: 'Die Datei ist keine GeoJSON-FeatureCollection.', en: 'The file is no GeoJSON FeatureCollection.' },
  'geography.problem.notFeature': { de: 'Kein GeoJSON-Feature.', en: 'Not a GeoJSON Feature.' },
  'geography.problem.noName': (p: { property: string }) => ({ de: `Kein Name in der Eigenschaft „${p.property}“.`, en: `No name in the property '${p.property}'.` }),
  'geography.problem.geometryType': (p: { type: string }) => ({ de: `Geometrietyp ${p.type} statt Polygon oder MultiPolygon.`, en: `Geometry type ${p.type} instead of Polygon or MultiPolygon.` }),
  'geography.problem.noCoordinates': { de: 'Keine Koordinaten.', en: 'No coordinates.' },
  'geography.problem.noRings': (p: { polygon: number }) => ({ de: `Polygon ${p.polygon} hat keine Ringe.`, en: `Polygon ${p.polygon} has no rings.` }),
  'geography.problem.notPositions': (p: { polygon: number; ring: number }) => ({ de: `${where(p).de} ist keine Liste von Punkten.`, en: `${where(p).en} is no list of positions.` }),
  'geography.problem.badPosition': (p: { polygon: number; ring: number }) => ({ de: `${where(p).de} hat einen Punkt, der nicht aus zwei Zahlen besteht.`, en: `${where(p).en} has a position that is not two numbers.` }),
  'geography.problem.outOfRange': (p: { polygon: number; ring: number; position: string }) => ({
    de: `${where(p).de}: Punkt (${p.position}) liegt außerhalb von Länge/Breite – ist die Datei in einem anderen Koordinatensystem?`,
    en: `${where(p).en}: position (${p.position}) is outside longitude/latitude – is the file in another coordinate system?`,
  }),
  'geography.problem.tooFewPositions': (p: { polygon: number; ring: number; distinct: number }) => ({
    de: `${where(p).de} hat nur ${p.distinct} verschiedene Punkte.`,
    en: `${where(p).en} has only ${p.distinct} distinct positions.`,
  }),
  'geography.problem.noArea': (p: { polygon: number; ring: number }) => ({ de: `${where(p).de} umschließt keine Fläche.`, en: `${where(p).en} encloses no area.` }),
  'geography.problem.notInFrame': (p: { level: Level }) => ({
    de: `Dieser Name ist keins der Gebiete (${levelName[p.level]?.de ?? p.level}) der Auswahlgrundlage.`,
    en: `This name is none of the frame's ${levelName[p.level]?.en ?? p.level}.`,
  }),
  'geography.problem.missingInFile': { de: 'Gebiet der Auswahlgrundlage fehlt in der Datei.', en: 'Area of the frame is missing in the file.' },
  'geography.problem.duplicate': { de: 'Name kommt in der Datei mehrmals vor.', en: 'Name appears more than once in the file.' },
} satisfies Messages;
