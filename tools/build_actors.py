# Regenerates src/summitry/data/actors.json (the curated actor file). Edit here, then run:
#   python tools/build_actors.py
import json
US="USA"
def A(id,name,country,roles,aliases=()):
    return {"id":id,"name":name,"country":country,"aliases":list(aliases),"roles":[
        {"role":r[0],"organization":r[1],"country":country,"start":r[2],"end":r[3],"source":r[4]} for r in roles]}
DHS=("Secretary of Homeland Security","Department of Homeland Security")
DOS=("Secretary of State","Department of State")
DOJ=("Attorney General","Department of Justice")
DOD=("Secretary of Defense","Department of Defense")
PRES=("President",None)
def us(id,name,office,start,end,src,aliases=()):
    return A(id,name,US,[(office[0],office[1],start,end,src)],aliases)
actors=[
 us("tom-ridge","Tom Ridge",DHS,"2003-01-24","2005-02-01","First Secretary of Homeland Security; sworn in 24 Jan 2003 when DHS was created"),
 us("michael-chertoff","Michael Chertoff",DHS,"2005-02-15","2009-01-21","Sworn in as second DHS Secretary 15 Feb 2005"),
 us("janet-napolitano","Janet Napolitano",DHS,"2009-01-21","2013-09-06","Confirmed 20 Jan 2009, sworn in 21 Jan 2009; left DHS Sept 2013 to lead the University of California"),
 us("jeh-johnson","Jeh Johnson",DHS,"2013-12-23","2017-01-20","Sworn in as fourth DHS Secretary 23 Dec 2013; served to the end of the Obama administration",["Jeh Charles Johnson"]),
 us("john-kelly","John F. Kelly",DHS,"2017-01-20","2017-07-31","Confirmed 20 Jan 2017; became White House Chief of Staff 31 Jul 2017",["John Kelly"]),
 us("kirstjen-nielsen","Kirstjen Nielsen",DHS,"2017-12-06","2019-04-10","Sworn in 6 Dec 2017; resignation effective April 2019"),
 us("kevin-mcaleenan","Kevin McAleenan",DHS,"2019-04-11","2019-11-13","Acting (not Senate-confirmed) DHS Secretary April-November 2019"),
 us("chad-wolf","Chad Wolf",DHS,"2019-11-13","2021-01-11","Acting (not Senate-confirmed) DHS Secretary November 2019 - January 2021"),
 us("alejandro-mayorkas","Alejandro Mayorkas",DHS,"2021-02-02","2025-01-20","Confirmed by the Senate and sworn in 2 Feb 2021 as seventh DHS Secretary; served until the change of administration on 20 Jan 2025",["Alejandro N. Mayorkas","Ali Mayorkas"]),
 us("kristi-noem","Kristi Noem",DHS,"2025-01-25",None,"Confirmed and sworn in as DHS Secretary 25 Jan 2025"),
 us("colin-powell","Colin Powell",DOS,"2001-01-20","2005-01-26","65th Secretary of State, 2001-2005"),
 us("condoleezza-rice","Condoleezza Rice",DOS,"2005-01-26","2009-01-20","66th Secretary of State, 2005-2009"),
 us("hillary-clinton","Hillary Clinton",DOS,"2009-01-21","2013-02-01","67th Secretary of State, 2009-2013",["Hillary Rodham Clinton"]),
 us("john-kerry","John Kerry",DOS,"2013-02-01","2017-01-20","68th Secretary of State, 2013-2017"),
 us("rex-tillerson","Rex Tillerson",DOS,"2017-02-01","2018-03-31","69th Secretary of State, Feb 2017 - Mar 2018"),
 us("mike-pompeo","Mike Pompeo",DOS,"2018-04-26","2021-01-20","70th Secretary of State, 2018-2021"),
 us("antony-blinken","Antony Blinken",DOS,"2021-01-26","2025-01-20","71st Secretary of State, sworn in 26 Jan 2021",["Antony J. Blinken","Tony Blinken"]),
 us("marco-rubio","Marco Rubio",DOS,"2025-01-21",None,"72nd Secretary of State, confirmed 20 Jan and sworn in 21 Jan 2025"),
 us("john-ashcroft","John Ashcroft",DOJ,"2001-02-02","2005-02-03","79th Attorney General, 2001-2005"),
 us("alberto-gonzales","Alberto Gonzales",DOJ,"2005-02-03","2007-09-17","80th Attorney General, 2005-2007"),
 us("michael-mukasey","Michael Mukasey",DOJ,"2007-11-09","2009-01-20","81st Attorney General, 2007-2009"),
 us("eric-holder","Eric Holder",DOJ,"2009-02-03","2015-04-27","82nd Attorney General, 2009-2015"),
 us("loretta-lynch","Loretta Lynch",DOJ,"2015-04-27","2017-01-20","83rd Attorney General, 2015-2017"),
 us("jeff-sessions","Jeff Sessions",DOJ,"2017-02-09","2018-11-07","84th Attorney General, 2017-2018"),
 us("william-barr","William Barr",DOJ,"2019-02-14","2020-12-23","85th Attorney General (second term), 2019-2020",["Bill Barr"]),
 us("merrick-garland","Merrick Garland",DOJ,"2021-03-11","2025-01-20","86th Attorney General, sworn in 11 Mar 2021",["Merrick B. Garland"]),
 us("pam-bondi","Pam Bondi",DOJ,"2025-02-05",None,"87th Attorney General, sworn in 5 Feb 2025"),
 us("donald-rumsfeld","Donald Rumsfeld",DOD,"2001-01-20","2006-12-18","Secretary of Defense 2001-2006"),
 us("robert-gates","Robert Gates",DOD,"2006-12-18","2011-06-30","Secretary of Defense 2006-2011"),
 us("leon-panetta","Leon Panetta",DOD,"2011-07-01","2013-02-26","Secretary of Defense 2011-2013"),
 us("chuck-hagel","Chuck Hagel",DOD,"2013-02-27","2015-02-17","Secretary of Defense 2013-2015"),
 us("ash-carter","Ash Carter",DOD,"2015-02-17","2017-01-20","Secretary of Defense 2015-2017",["Ashton Carter"]),
 us("jim-mattis","Jim Mattis",DOD,"2017-01-20","2019-01-01","Secretary of Defense 2017-2018",["James Mattis"]),
 us("mark-esper","Mark Esper",DOD,"2019-07-23","2020-11-09","Secretary of Defense 2019-2020"),
 us("lloyd-austin","Lloyd Austin",DOD,"2021-01-22","2025-01-20","Secretary of Defense, sworn in 22 Jan 2021",["Lloyd J. Austin III"]),
 us("pete-hegseth","Pete Hegseth",DOD,"2025-01-25",None,"Secretary of Defense, sworn in 25 Jan 2025"),
 A("kamala-harris","Kamala Harris",US,[("Vice President",None,"2021-01-20","2025-01-20","49th Vice President of the United States")]),
 A("mike-pence","Mike Pence",US,[("Vice President",None,"2017-01-20","2021-01-20","48th Vice President of the United States")]),
 A("jd-vance","JD Vance",US,[("Vice President",None,"2025-01-20",None,"50th Vice President of the United States")],["J.D. Vance","James David Vance"]),
 us("george-w-bush","George W. Bush",PRES,"2001-01-20","2009-01-20","43rd President of the United States"),
 us("barack-obama","Barack Obama",PRES,"2009-01-20","2017-01-20","44th President of the United States"),
 A("donald-trump","Donald Trump",US,[("President",None,"2017-01-20","2021-01-20","45th President"),("President",None,"2025-01-20",None,"47th President")],["Donald J. Trump"]),
 us("joe-biden","Joe Biden",PRES,"2021-01-20","2025-01-20","46th President of the United States",["Joseph R. Biden","Joseph Biden"]),
 # Mexico
 A("enrique-pena-nieto","Enrique Peña Nieto","MEX",[("President",None,"2012-12-01","2018-11-30","President of Mexico, 1 Dec 2012 - 30 Nov 2018")],["Peña Nieto"]),
 A("felipe-calderon","Felipe Calderón","MEX",[("President",None,"2006-12-01","2012-11-30","President of Mexico 2006-2012")]),
 A("andres-manuel-lopez-obrador","Andrés Manuel López Obrador","MEX",[("President",None,"2018-12-01","2024-09-30","President of Mexico 2018-2024")],["López Obrador","AMLO"]),
 A("claudia-sheinbaum","Claudia Sheinbaum","MEX",[("President",None,"2024-10-01",None,"President of Mexico from 1 Oct 2024")]),
 A("miguel-angel-osorio-chong","Miguel Ángel Osorio Chong","MEX",[("Secretary of the Interior","Secretariat of the Interior","2012-12-01","2018-01-10","Secretario de Gobernación from the start of the Peña Nieto government until January 2018")],["Osorio Chong","Miguel Osorio Chong"]),
 A("olga-sanchez-cordero","Olga Sánchez Cordero","MEX",[("Secretary of the Interior","Secretariat of the Interior","2018-12-01","2021-08-26","Secretaria de Gobernación 2018-2021")]),
 A("marcelo-ebrard","Marcelo Ebrard","MEX",[("Secretary of Foreign Affairs","Secretariat of Foreign Affairs","2018-12-01","2023-06-12","Foreign secretary of Mexico 2018-2023")]),
 A("alicia-barcena","Alicia Bárcena","MEX",[("Secretary of Foreign Affairs","Secretariat of Foreign Affairs","2023-07-03","2024-09-30","Foreign secretary of Mexico 2023-2024")]),
 # Spain
 A("fernando-grande-marlaska","Fernando Grande-Marlaska","ESP",[("Minister of the Interior","Ministry of the Interior","2018-06-07",None,"Spain's Minister of the Interior in the Sánchez governments since 7 June 2018")],["Grande-Marlaska","Fernando Grande Marlaska","Marlaska"]),
 A("juan-ignacio-zoido","Juan Ignacio Zoido","ESP",[("Minister of the Interior","Ministry of the Interior","2016-11-04","2018-06-07","Spain's Minister of the Interior 2016-2018")]),
 A("pedro-sanchez","Pedro Sánchez","ESP",[("Prime Minister",None,"2018-06-02",None,"Prime Minister of Spain since June 2018")]),
 A("jose-manuel-albares","José Manuel Albares","ESP",[("Minister of Foreign Affairs","Ministry of Foreign Affairs","2021-07-12",None,"Spain's Foreign Minister since July 2021")]),
 # Guatemala
 A("bernardo-arevalo","Bernardo Arévalo","GTM",[("President",None,"2024-01-15",None,"Inaugurated President of Guatemala on 15 January 2024")]),
 A("alejandro-giammattei","Alejandro Giammattei","GTM",[("President",None,"2020-01-14","2024-01-14","President of Guatemala 2020-2024")]),
 A("francisco-jimenez","Francisco Jiménez","GTM",[("Minister of the Interior","Ministry of the Interior","2024-01-15",None,"Named Minister of the Interior (Gobernación) in the Arévalo cabinet sworn in 15 January 2024")],["Francisco Jiménez Irungaray"]),
 # Cuba
 A("bruno-rodriguez-parrilla","Bruno Rodríguez Parrilla","CUB",[("Minister of Foreign Affairs","Ministry of Foreign Affairs","2009-03-02",None,"Cuba's Foreign Minister since March 2009")],["Bruno Rodríguez"]),
 A("miguel-diaz-canel","Miguel Díaz-Canel","CUB",[("President",None,"2018-04-19",None,"President of Cuba since 19 April 2018")]),
 A("raul-castro","Raúl Castro","CUB",[("President",None,"2008-02-24","2018-04-19","President of Cuba 2008-2018")]),
 # Colombia, Canada, others used by examples
 A("gustavo-petro","Gustavo Petro","COL",[("President",None,"2022-08-07",None,"President of Colombia since 7 August 2022")]),
 A("justin-trudeau","Justin Trudeau","CAN",[("Prime Minister",None,"2015-11-04","2025-03-14","Prime Minister of Canada 2015-2025")]),
]
offices=[
 {"office":"Secretary of Homeland Security","aliases":["Homeland Security Secretary","DHS Secretary","Secretary of the Department of Homeland Security","Homeland Secretary"],"country":"USA","organization":"Department of Homeland Security"},
 {"office":"Secretary of State","aliases":["State Secretary"],"country":"USA","organization":"Department of State"},
 {"office":"Attorney General","aliases":[],"country":None,"organization":"Attorney General's Office","by_country":{"USA":"Department of Justice"}},
 {"office":"Secretary of Defense","aliases":["Defense Secretary"],"country":"USA","organization":"Department of Defense"},
 {"office":"Minister of the Interior","aliases":["Interior Minister","Minister of Interior","Minister for the Interior","Home Affairs Minister","Minister of Home Affairs","Interior Ministers"],"country":None,"organization":"Ministry of the Interior"},
 {"office":"Secretary of the Interior","aliases":["Interior Secretary","Secretary of Government","Secretary of Gobernación"],"country":None,"organization":"Secretariat of the Interior","by_country":{"USA":"Department of the Interior"}},
 {"office":"Home Secretary","aliases":[],"country":"GBR","organization":"Home Office"},
 {"office":"Minister of Foreign Affairs","aliases":["Foreign Minister","Foreign Affairs Minister","Minister for Foreign Affairs","Foreign Ministers"],"country":None,"organization":"Ministry of Foreign Affairs"},
 {"office":"Secretary of Foreign Affairs","aliases":["Foreign Secretary","Foreign Relations Secretary"],"country":None,"organization":"Secretariat of Foreign Affairs","by_country":{"GBR":"Foreign, Commonwealth and Development Office"}},
 {"office":"Minister of Justice","aliases":["Justice Minister","Minister for Justice"],"country":None,"organization":"Ministry of Justice"},
 {"office":"Minister of Defense","aliases":["Defense Minister","Defence Minister","Minister of Defence"],"country":None,"organization":"Ministry of Defense"},
 {"office":"Minister of Security","aliases":["Security Minister","Minister of Public Security","Public Security Minister"],"country":None,"organization":"Ministry of Security"},
 {"office":"Vice Minister of Antinarcotics","aliases":["Vice Minister of Counternarcotics","Vice Minister for Antinarcotics"],"country":None,"organization":"Ministry of the Interior"},
 {"office":"President","aliases":[],"country":None,"organization":None},
 {"office":"Vice President","aliases":["Vice-President","VP"],"country":None,"organization":None},
 {"office":"Prime Minister","aliases":["Premier"],"country":None,"organization":None},
]
json.dump({"about":"Curated actor knowledge shipped with summitry: people, the offices they held with dates, and the public fact each entry rests on. Dates are YYYY-MM-DD; end null = in office at the time of curation or unknown.","offices":offices,"actors":actors},open(__import__("pathlib").Path(__file__).resolve().parents[1] / "src/summitry/data/actors.json","w",encoding="utf-8"),ensure_ascii=False,indent=1)
print(len(actors))
