import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  countClasses,
  frame,
  lqClasses,
  MISSING_FILL,
  mapSvg,
  placeInitiative,
  readKommunpunkter,
  readLan,
} from '../src/index.ts';

const KARTA = join(import.meta.dirname, '../../../raw/2009/karta');
const lan = readLan(readFileSync(join(KARTA, 'lan.geojson'), 'utf8'));
const kommuner = readKommunpunkter(readFileSync(join(KARTA, 'kommunpunkter.csv'), 'utf8'));

describe('the map data of raw/2009/karta', () => {
  it('has the 21 län with their codes and one point per kommun inside its own län', () => {
    expect(lan.map((l) => l.lan_kod)).toEqual([
      '01',
      '03',
      '04',
      '05',
      '06',
      '07',
      '08',
      '09',
      '10',
      '12',
      '13',
      '14',
      '17',
      '18',
      '19',
      '20',
      '21',
      '22',
      '23',
      '24',
      '25',
    ]);
    expect(kommuner).toHaveLength(290);
    const f = frame(lan, 200, 480);
    const outside = kommuner.filter((k) => f.lanAt(k.lon, k.lat) !== k.lan_kod).map((k) => k.kommun_namn);
    // The län boundaries are simplified: a point on a coast or an island may fall just outside (12 of 290).
    expect(outside.length).toBeLessThanOrEqual(15);
    const svg = mapSvg(lan, [], [], { width: 200, height: 480, title: 't' });
    expect(svg.match(/<path d="M/g)).toHaveLength(21);
  });
});

describe('placing an initiative at its host kommun', () => {
  it('takes the postal town of the address', () => {
    const p = placeInitiative(
      { adress: 'Luleå Tekniska Universitet, 971 87 Luleå', geografiskt_omrade: 'Norrbotten, Västerbotten' },
      ['24', '25'],
      kommuner,
      lan,
    );
    expect([p.kommun_namn, p.via]).toEqual(['Luleå', 'adress']);
    const q = placeInitiative(
      { adress: 'Box 111 19, 404 23 Göteborg', geografiskt_omrade: 'Västra Götaland' },
      ['14'],
      kommuner,
      lan,
    );
    expect(q.kommun_namn).toBe('Göteborg');
  });

  it('else a kommun the Geografiskt område names, but not a county name ("Örebro län")', () => {
    const p = placeInitiative({ adress: '', geografiskt_omrade: 'Kiruna' }, ['25'], kommuner, lan);
    expect([p.kommun_namn, p.via]).toEqual(['Kiruna', 'omrade']);
    const q = placeInitiative(
      {
        adress: 'Prästgatan 20, 712 60 Grythyttan',
        geografiskt_omrade: 'Örebro Län och Värmland (Grythyttan)',
      },
      ['17', '18'],
      kommuner,
      lan,
    );
    expect(q.via).toBe('lan');
    expect(q.kommun_namn).toBeNull();
  });

  it('never a kommun outside the initiative’s län', () => {
    // Göteborg/Oslo: the postal town is in Västra Götaland; a list naming only Skåne must not land there.
    const p = placeInitiative(
      { adress: 'Medicinaregatan 8a, 413 46 Göteborg', geografiskt_omrade: 'Öresund' },
      ['12'],
      kommuner,
      lan,
    );
    expect(p.via).toBe('lan');
  });
});

describe('colour classes', () => {
  it('draw a missing value as missing, never as zero', () => {
    expect(countClasses(5).fill(null)).toBe(MISSING_FILL);
    expect(countClasses(5).fill(0)).not.toBe(MISSING_FILL);
    expect(lqClasses().fill(null)).toBe(MISSING_FILL);
    expect(lqClasses().fill(1)).not.toBe(lqClasses().fill(1.5));
  });
});
